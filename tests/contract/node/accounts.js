'use strict';

// Accounts and login attempts through the real SDK: an account created through
// the application, a duplicate email and a weak password refused, the account
// authenticated (and refused with a wrong password or an unknown login), and
// the application's accounts searched by an email pattern.
//
// Usage: node accounts.js <application href> <email> <password> <second email>

var lib = require('./lib');

var applicationHref = process.argv[2];
var email = process.argv[3];
var password = process.argv[4];
var secondEmail = process.argv[5];

var client = null;
var application = null;
var authenticated = null;

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
      done(err, err ? null : true);
    });
  }],
  ['application', function (done) {
    client.getApplication(applicationHref, function (err, app) {
      application = app;
      done(err, lib.plain(app));
    });
  }],
  ['created', function (done) {
    application.createAccount({
      givenName: 'Node',
      surname: 'Person',
      email: email,
      password: password
    }, function (err, account) {
      done(err, lib.plain(account));
    });
  }],
  ['second', function (done) {
    application.createAccount({
      givenName: 'Other',
      surname: 'Person',
      username: 'other-person',
      email: secondEmail,
      password: password
    }, function (err, account) {
      done(err, lib.plain(account));
    });
  }],
  ['duplicate', function (done) {
    application.createAccount({
      givenName: 'Again',
      surname: 'Person',
      email: email.toUpperCase(),
      password: password
    }, expectError(done));
  }],
  ['weak', function (done) {
    application.createAccount({
      givenName: 'Weak',
      surname: 'Person',
      email: 'weak.' + email,
      password: 'abc'
    }, expectError(done));
  }],
  ['authenticated', function (done) {
    application.authenticateAccount({ username: email, password: password }, function (err, result) {
      authenticated = result;
      done(err, lib.plain(result));
    });
  }],
  ['authenticatedAccount', function (done) {
    authenticated.getAccount(function (err, account) {
      done(err, lib.plain(account));
    });
  }],
  ['byUsername', function (done) {
    application.authenticateAccount({ username: 'OTHER-PERSON', password: password }, function (err, result) {
      done(err, result ? result.account.href : null);
    });
  }],
  ['wrongPassword', function (done) {
    application.authenticateAccount({ username: email, password: password + 'x' }, expectError(done));
  }],
  ['unknownLogin', function (done) {
    application.authenticateAccount({ username: 'nobody.' + email, password: password }, expectError(done));
  }],
  ['search', function (done) {
    application.getAccounts({ email: '*@example.com' }, function (err, collection) {
      if (err) {
        return done(err);
      }
      done(null, {
        size: collection.size,
        emails: collection.items.map(function (account) { return account.email; }).sort()
      });
    });
  }]
]);
