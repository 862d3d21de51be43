using System.Text.Json;
using ActorStream.Nodes.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// What every console endpoint does before and around its work: the login checks (watching, acting as an admin
/// with a valid anti-forgery token), reading a bounded JSON body, and turning a refusal or a silent actor into a
/// JSON error rather than a hung request or a stack trace.
/// </summary>
public sealed class ConsoleRequests(WebConsoleSettings settings, IAntiforgery antiforgery, ILogger<ConsoleRequests> log)
{
    public WebConsoleSettings Settings { get; } = settings;

    /// <summary>Runs <paramref name="work"/> for an endpoint; refusals and unavailable actors become JSON errors.</summary>
    public static RequestDelegate Endpoint(Func<HttpContext, ConsoleRequests, Task> work) => async context =>
    {
        var requests = context.RequestServices.GetRequiredService<ConsoleRequests>();
        try
        {
            await work(context, requests).ConfigureAwait(false);
        }
        catch (ConsoleRefusal refusal) when (!context.Response.HasStarted)
        {
            await ConsoleJson.ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
        }
        catch (ChatRefusal refusal) when (!context.Response.HasStarted)
        {
            await ConsoleJson.WriteAsync(context, refusal.Status, new ChatRefusal.Body(refusal.Message, refusal.Refused.Reason)).ConfigureAwait(false);
        }
        catch (ActorUnavailableException ex) when (!context.Response.HasStarted)
        {
            requests.LogUnavailable(context, ex);
            await ConsoleJson.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
        }
    };

    /// <summary>Refuses a watcher when watching needs a login.</summary>
    public void RequireWatch(HttpContext context)
    {
        if (Settings.WatchRequiresLogin && ConsoleSession.Admin(context, Settings) is null)
        {
            throw new ConsoleRefusal(StatusCodes.Status401Unauthorized, "log in to watch (actorstream.web.watch-requires-login is on)");
        }
    }

    /// <summary>A browser sends its page's origin with a WebSocket; another site's page must not open one with the
    /// admin's cookie (cookies go with a WebSocket's handshake). A client without an Origin (a tool) is no browser.</summary>
    public static bool IsSameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0
               || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                   && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Checks the anti-forgery token of a POST or DELETE.</summary>
    public async Task RequireAntiforgeryAsync(HttpContext context)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            throw new ConsoleRefusal(StatusCodes.Status400BadRequest, "anti-forgery token missing or invalid");
        }
    }

    /// <summary>Checks an action: the anti-forgery token, then an admin login. Returns the admin's name.</summary>
    public async Task<string> RequireAdminAsync(HttpContext context, string what)
    {
        await RequireAntiforgeryAsync(context).ConfigureAwait(false);
        return ConsoleSession.Admin(context, Settings)
               ?? throw new ConsoleRefusal(StatusCodes.Status401Unauthorized, Settings.AdminConfigured
                   ? $"log in as an admin to {what}"
                   : $"log in as an admin to {what} (no admin users are configured: see `actorstream web hash-password`)");
    }

    /// <summary>The request's JSON body as <typeparamref name="T"/>, at most actorstream.web.max-request-bytes.</summary>
    public async Task<T> ReadJsonAsync<T>(HttpContext context) where T : class
    {
        var max = Settings.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ConsoleJson.Options, context.RequestAborted).ConfigureAwait(false)
                   ?? throw new ConsoleRefusal(StatusCodes.Status400BadRequest, "the request body must be a JSON object");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(max);
        }
        catch (JsonException ex)
        {
            throw new ConsoleRefusal(StatusCodes.Status400BadRequest, $"the request body is not the JSON expected: {ex.Message}");
        }
    }

    private static ConsoleRefusal TooLarge(int max) =>
        new(StatusCodes.Status413PayloadTooLarge, $"request body over {max} bytes (actorstream.web.max-request-bytes)");

    private void LogUnavailable(HttpContext context, ActorUnavailableException ex) =>
        log.LogWarning("{Method} {Path}: {Problem}", context.Request.Method, context.Request.Path, ex.Message);
}
