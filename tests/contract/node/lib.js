'use strict';

// Shared plumbing for the contract scripts: every script builds its client from
// the environment the pytest harness sets (STORMPATH_CLIENT_BASEURL and the
// tenant key), runs its steps one after the other and prints ONE JSON object
// on stdout. A failing step records the SDK's error and stops the script.

var stormpath = require('stormpath');

// The fields of the SDK's ResourceError (built from the server's error body),
// or of a plain Error for failures that never reached the server.
function describeError(err) {
  if (!err) {
    return null;
  }
  return {
    name: err.name || null,
    status: err.status === undefined ? null : err.status,
    code: err.code === undefined ? null : err.code,
    message: err.message || null,
    userMessage: err.userMessage === undefined ? null : err.userMessage,
    developerMessage: err.developerMessage === undefined ? null : err.developerMessage,
    moreInfo: err.moreInfo === undefined ? null : err.moreInfo,
    requestId: err.requestId === undefined ? null : err.requestId,
    method: err.method === undefined ? null : err.method
  };
}

// A resource as plain JSON (own enumerable fields; the data store is hidden).
function plain(resource) {
  return resource === undefined ? null : JSON.parse(JSON.stringify(resource));
}

// A collection page as plain JSON: paging fields and its items.
function summaryOf(collection) {
  return {
    href: collection.href,
    offset: collection.offset,
    limit: collection.limit,
    size: collection.size,
    items: collection.items.map(plain)
  };
}

// A new client with its own in-memory cache, configured from the environment.
// Calls back once its configuration is loaded: a configuration error would
// otherwise surface as an unhandled 'error' event.
function newClient(callback) {
  var client = new stormpath.Client();
  var done = false;
  client.on('ready', function () {
    if (!done) {
      done = true;
      callback(null, client);
    }
  });
  client.on('error', function (err) {
    if (!done) {
      done = true;
      callback(err);
    }
  });
}

// Runs `steps` (an array of [name, fn(callback)]) in order. Each fn calls
// callback(err, value); value (or the error, described) is stored under name.
// On the first error the remaining steps are skipped and `failedStep` is set.
function runSteps(steps) {
  var result = { steps: {}, failedStep: null };
  var index = 0;

  function finish() {
    process.stdout.write(JSON.stringify(result) + '\n');
  }

  function next() {
    if (index >= steps.length) {
      return finish();
    }
    var step = steps[index++];
    var called = false;
    try {
      step[1](function (err, value) {
        if (called) {
          return;
        }
        called = true;
        if (err) {
          result.steps[step[0]] = { error: describeError(err) };
          result.failedStep = step[0];
          return finish();
        }
        result.steps[step[0]] = value === undefined ? null : value;
        next();
      });
    } catch (err) {
      result.steps[step[0]] = { error: describeError(err) };
      result.failedStep = step[0];
      finish();
    }
  }

  next();
}

module.exports = {
  describeError: describeError,
  plain: plain,
  summaryOf: summaryOf,
  newClient: newClient,
  runSteps: runSteps
};
