'use strict';

// A small Express site protected by express-stormpath 3.2.0, pointed at a mockpath
// server. Configuration comes from the environment:
//
//   STORMPATH_CLIENT_BASEURL, STORMPATH_CLIENT_APIKEY_ID, STORMPATH_CLIENT_APIKEY_SECRET
//   STORMPATH_APPLICATION_HREF or STORMPATH_APPLICATION_NAME  (read by stormpath-config)
//   PORT                                                      (where to listen)
//
// Prints "ready <port>" once express-stormpath has finished its start-up requests and
// the site accepts connections; prints the error and exits 1 if start-up fails.

var express = require('express');
var stormpath = require('express-stormpath');

var port = parseInt(process.env.PORT || '0', 10);
var app = express();

app.use(stormpath.init(app, {
  web: {
    produces: ['application/json', 'text/html']
  }
}));

app.get('/', function (req, res) {
  res.type('text/plain').send('home');
});

// The page a visitor must log in to see.
app.get('/secret', stormpath.loginRequired, function (req, res) {
  res.json({ email: req.user.email, href: req.user.href });
});

app.on('stormpath.error', function (err) {
  console.error('stormpath start-up failed: ' + (err && (err.stack || err.message) || err));
  process.exit(1);
});

app.on('stormpath.ready', function () {
  var server = app.listen(port, '127.0.0.1', function () {
    console.log('ready ' + server.address().port);
  });
});

process.on('SIGTERM', function () {
  process.exit(0);
});
