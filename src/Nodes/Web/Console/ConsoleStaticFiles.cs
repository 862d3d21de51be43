using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The page: GET / is wwwroot/index.html, GET /assets/... the bundle beside it (wwwroot is built from
/// src/Nodes/Web/client into the app's directory). Open to everyone (the page itself shows the login). Without a
/// built page, / says so and how to build it rather than a bare 404.
/// </summary>
public static class ConsoleStaticFiles
{
    /// <summary>What the page may load and talk to: its own origin only, nothing framed, no inline script.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: mediastream:; worker-src 'self' blob:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static void Map(WebApplication app, string webRoot)
    {
        var assets = Path.Combine(webRoot, "assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(assets),
                RequestPath = "/assets",
                OnPrepareResponse = file => file.Context.Response.Headers.XContentTypeOptions = "nosniff",
            });
        }

        var index = Path.Combine(webRoot, "index.html");
        app.MapGet("/", (RequestDelegate)(async context =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache";
            if (!File.Exists(index))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(
                    $"ActorStream seed: the web console was not built ({index} is missing).\n" +
                    "Build it with: dotnet build -c Release (needs Node.js and npm: scripts/prerequisites.sh installs them).\n\n" +
                    "/metrics       Prometheus text format\n/stations.m3u  playlist of the multicast stations\n",
                    context.RequestAborted).ConfigureAwait(false);
                return;
            }

            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(index, context.RequestAborted).ConfigureAwait(false);
        }));
    }
}
