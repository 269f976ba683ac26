// Hello-world baseline: what Kestrel alone serves on this machine, to compare the data API against.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();
app.MapGet("/", () => Results.Json(new { message = "Hello, World!" }));
app.Run();
