using Samples.EmbeddedHost;

var builder = WebApplication.CreateBuilder(args);

// The app's own services...
builder.Services.AddSingleton(TimeProvider.System);

// ...and the ObjectStack runtime beside them. Its plugin set comes from objectstack.json; the app's own
// in-process plugin is a candidate like any folder plugin and is enabled there too.
builder.Services.AddObjectStack(options =>
{
    options.ConfigurationPath = Path.Combine(builder.Environment.ContentRootPath, "objectstack.json");
    options.OptionalPluginPaths.Add(Path.Combine(AppContext.BaseDirectory, "plugins"));
    options.AddInProcessPlugin<OrdersPlugin>();
});

var app = builder.Build();

app.MapGet("/", (TimeProvider clock) => new { app = "embedded-host", time = clock.GetUtcNow() });
app.MapObjectStack();

app.Run();

/// <summary>The app's entry point; public so tests can host it.</summary>
public partial class Program
{
}
