'use strict';

// Custom data, groups and group memberships through the real SDK: two accounts
// created through the application; custom data saved, read back by a second
// client, one key removed, a bad key refused; a group created with embedded
// custom data in the accounts' directory; memberships added from both sides,
// listed both ways (with ?name= and q= searches) and refused when duplicated.
//
// Usage: node groups_custom_data.js <application href> <first account email>
//                                   <second account email> <group name>

var lib = require('./lib');

var applicationHref = process.argv[2];
var firstEmail = process.argv[3];
var secondEmail = process.argv[4];
var groupName = process.argv[5];
var PASSWORD = 'Passw0rdABC';

var client = null;
var application = null;
var directory = null;
var first = null;
var second = null;
var group = null;
var readBack = null;

function newAccount(email, done) {
  var data = { givenName: 'Node', surname: 'Contract', email: email, password: PASSWORD };
  application.createAccount(data, done);
}

// A fresh client's view of an account's custom data (each client has its own
// cache, so a new client reads what the server holds).
function freshCustomData(accountHref, done) {
  lib.newClient(function (err, fresh) {
    if (err) {
      return done(err);
    }
    fresh.getAccount(accountHref, function (err, account) {
      if (err) {
        return done(err);
      }
      account.getCustomData(done);
    });
  });
}

// An expected failure: its description becomes the step's value.
function expectError(done) {
  return function (err, value) {
    if (!err) {
      return done(new Error('expected an error, got ' + JSON.stringify(lib.plain(value))));
    }
    done(null, { error: lib.describeError(err) });
  };
}

lib.runSteps([
  ['client', function (done) {
    lib.newClient(function (err, made) {
      client = made;
      done(err, err ? null : { baseUrl: made.config.client.baseUrl });
    });
  }],

  ['application', function (done) {
    client.getApplication(applicationHref, function (err, app) {
      application = app;
      done(err, lib.plain(app));
    });
  }],

  ['accounts', function (done) {
    newAccount(firstEmail, function (err, account) {
      if (err) {
        return done(err);
      }
      first = account;
      newAccount(secondEmail, function (err, account) {
        second = account;
        done(err, err ? null : [lib.plain(first), lib.plain(second)]);
      });
    });
  }],

  ['directory', function (done) {
    first.getDirectory(function (err, dir) {
      directory = dir;
      done(err, lib.plain(dir));
    });
  }],

  // --- custom data ---------------------------------------------------------

  ['customDataSaved', function (done) {
    first.customData.favoriteColor = 'blue';
    first.customData.preferences = { theme: 'dark', beta: true };
    first.customData.score = 1000;
    first.customData.save(function (err, saved) {
      done(err, lib.plain(saved));
    });
  }],

  ['customDataRead', function (done) {
    freshCustomData(first.href, function (err, customData) {
      readBack = customData;
      done(err, lib.plain(customData));
    });
  }],

  ['keyRemoved', function (done) {
    readBack.remove('favoriteColor');
    readBack.score = 1001;
    readBack.save(function (err) {
      done(err, lib.plain(readBack));
    });
  }],

  ['customDataAfterRemove', function (done) {
    freshCustomData(first.href, function (err, customData) {
      done(err, lib.plain(customData));
    });
  }],

  // 3002: a key with a space; the SDK hands back the server's error.
  ['badKey', function (done) {
    readBack['bad key'] = 1;
    readBack.save(expectError(done));
  }],

  // --- groups and memberships ------------------------------------------------

  ['groupCreated', function (done) {
    var data = { name: groupName, description: 'Made by the Node SDK', customData: { level: 3 } };
    directory.createGroup(data, function (err, made) {
      group = made;
      done(err, lib.plain(made));
    });
  }],

  ['groupCustomData', function (done) {
    group.getCustomData(function (err, customData) {
      done(err, lib.plain(customData));
    });
  }],

  ['addedToGroup', function (done) {
    first.addToGroup(group, function (err, membership) {
      done(err, lib.plain(membership));
    });
  }],

  ['groupAddedAccount', function (done) {
    group.addAccount(second.href, function (err, membership) {
      done(err, lib.plain(membership));
    });
  }],

  ['duplicateMembership', function (done) {
    first.addToGroup(group.href, expectError(done));
  }],

  ['accountGroups', function (done) {
    first.getGroups(function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['accountGroupsByName', function (done) {
    first.getGroups({ name: groupName }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['accountGroupsOtherName', function (done) {
    first.getGroups({ name: groupName + '-not' }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['accountMemberships', function (done) {
    first.getGroupMemberships({ expand: 'group' }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['groupAccounts', function (done) {
    group.getAccounts(function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['groupAccountsSearch', function (done) {
    group.getAccounts({ q: secondEmail.split('@')[0] }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }],

  ['groupMemberships', function (done) {
    group.getAccountMemberships({ expand: 'account' }, function (err, collection) {
      done(err, err ? null : lib.summaryOf(collection));
    });
  }]
]);
