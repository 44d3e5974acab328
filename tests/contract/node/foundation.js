'use strict';

// Tenant, application, directory and mapping basics through the real SDK:
// current tenant, application created with its directory, q= search, default
// account store, update, mappings list, delete and the 404 that follows.
//
// Usage: node foundation.js <application name> <part of the name to search for>
//                            <new description>

var lib = require('./lib');

var name = process.argv[2];
var searchText = process.argv[3];
var description = process.argv[4];

var client = null;
var freshClient = null;
var application = null;
var mapping = null;

lib.runSteps([
  ['client', function (done) {
    lib.newClient(function (err, made) {
      client = made;
      done(err, err ? null : { baseUrl: made.config.client.baseUrl });
    });
  }],

  ['tenant', function (done) {
    client.getCurrentTenant(function (err, tenant) {
      done(err, lib.plain(tenant));
    });
  }],

  ['created', function (done) {
    client.createApplication({ name: name }, { createDirectory: true }, function (err, app) {
      application = app;
      done(err, lib.plain(app));
    });
  }],

  ['search', function (done) {
    client.getApplications({ q: name }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  // q= is a case-insensitive substring match (stormpath-api.md §5.3).
  ['searchPart', function (done) {
    client.getApplications({ q: searchText }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['defaultMapping', function (done) {
    application.getDefaultAccountStore(function (err, found) {
      mapping = found;
      done(err, lib.plain(found));
    });
  }],

  ['defaultStore', function (done) {
    mapping.getAccountStore(function (err, store) {
      if (err) {
        return done(err);
      }
      var value = lib.plain(store);
      value.sdkType = store.constructor.name;
      done(null, value);
    });
  }],

  ['saved', function (done) {
    application.description = description;
    application.save(function (err, saved) {
      done(err, lib.plain(saved));
    });
  }],

  // A second client starts with an empty cache, so this read reaches the server.
  ['reread', function (done) {
    lib.newClient(function (err, made) {
      if (err) {
        return done(err);
      }
      freshClient = made;
      freshClient.getApplication(application.href, function (err, app) {
        done(err, lib.plain(app));
      });
    });
  }],

  ['mappings', function (done) {
    application.getAccountStoreMappings(function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['deleted', function (done) {
    application.delete(function (err) {
      done(err, { deleted: true });
    });
  }],

  // delete() evicts the application from the cache, so this asks the server.
  ['gone', function (done) {
    client.getApplication(application.href, function (err, app) {
      done(null, { error: lib.describeError(err), application: lib.plain(app) });
    });
  }],

  // The first client cached the directory; the fresh one has not read it yet.
  ['directoryAfterDelete', function (done) {
    freshClient.getDirectory(mapping.accountStore.href, function (err, directory) {
      done(null, { error: lib.describeError(err), directory: lib.plain(directory) });
    });
  }]
]);
