using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ObjectStack.Hosting.Http;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the type they extend.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Adds the ObjectStack error handling to a request pipeline.</summary>
public static partial class ObjectStackApplicationBuilderExtensions
{
    /// <summary>
    /// Answers unhandled exceptions with a generic 500 envelope carrying a correlation id (the details go to the
    /// log only) and gives every bodiless error status, such as an unknown route, the ObjectStack error envelope.
    /// </summary>
    /// <param name="app">The application's pipeline.</param>
    /// <returns>The same pipeline, for chaining.</returns>
    /// <remarks>The standalone host uses it for every route; an embedding app may add it for its own routes too.</remarks>
    public static IApplicationBuilder UseObjectStackErrorHandling(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var feature = context.Features.Get<IExceptionHandlerFeature>();
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ObjectStack.Http");
                var reference = context.TraceIdentifier;
                LogUnhandled(logger, feature?.Error, context.Request.Method, context.Request.Path, reference);
                return ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", $"An unexpected error occurred. Reference: {reference}.");
            },
        });
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"No route matches {http.Request.Method} {http.Request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
                _ => $"The request failed with status {status}.",
            };
            return ApiErrors.WriteAsync(http, status, ApiErrors.CodeFor(status), message);
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path} (reference {Reference}).")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception, string method, PathString path, string reference);
}
