using CityActors.Api;

// Embedded (the default): a silo in this process with the NYC demo city, everything on http://127.0.0.1:5080.
// Clustered: set CityActors:Client:Gateways:0 (and more); the host then reaches the silos through Orleans' cluster client.
var app = ApiApplication.Create(args);
await app.RunAsync();
