using System.Net;
using System.Threading.RateLimiting;
using ActorStream.Nodes.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The seed's web console in the seed's HTTP host (beside /metrics): the page and its assets, the session (cookie
/// login, anti-forgery), the REST API, and the live socket. <see cref="AddServices"/> goes in the host's builder,
/// <see cref="Map"/> on the built app.
/// </summary>
public static class WebConsole
{
    /// <summary>The rate limit of actions and logins per client address.</summary>
    public const string ActionsPolicy = "console-actions";

    /// <param name="askTimeout">How long an API request waits for an actor before answering 503.</param>
    public static void AddServices(IServiceCollection services, WebConsoleSettings settings, TimeSpan askTimeout)
    {
        services.AddSingleton(settings);
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<ConsoleRequests>();
        services.AddSingleton<PasswordChecker>();
        services.AddSingleton(provider => new ConsoleActors(provider.GetRequiredService<ActorSystem>(),
            provider.GetRequiredService<ActorRegistry>(), askTimeout));
        services.AddHostedService<LiveFeed>();
        services.AddSingleton(provider => new StreamSocket(provider.GetRequiredService<ActorSystem>(),
            provider.GetRequiredService<LiveConnections>(), settings.StreamQueueChunks, settings.MaxStreamConnections,
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StreamSocket>>()));

        // Keys live in memory: a seed restart ends logins (the admin logs in again) and leaves no key file behind.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = ConsoleSession.AuthCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = settings.SessionTimeout;
            cookie.SlidingExpiration = true;
            // An API answers; it does not send a browser to a login page.
            cookie.Events.OnRedirectToLogin = context =>
                ConsoleJson.ErrorAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "log in as an admin");
            cookie.Events.OnRedirectToAccessDenied = context =>
                ConsoleJson.ErrorAsync(context.HttpContext, StatusCodes.Status403Forbidden, "not allowed");
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = ConsoleSession.AntiforgeryHeader;
            antiforgery.Cookie.Name = ConsoleSession.AntiforgeryCookie;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true;
            // The token comes in its header only: looking for it in a form body would read that body whole, before
            // anyone checked its size or the login.
            antiforgery.SuppressReadingTokenFromFormBody = true;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, token) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ConsoleJson.ErrorAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"more than {settings.ActionsPerMinute} actions or logins a minute from this address " +
                    "(actorstream.web.actions-per-minute); wait a minute"));
            };
            limiter.AddPolicy(ActionsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress ?? IPAddress.None,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.ActionsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
    }

    /// <summary>Maps the console; the plain index at / is then the page's.</summary>
    public static void Map(WebApplication app, string? webRoot = null)
    {
        var settings = app.Services.GetRequiredService<WebConsoleSettings>();
        // A page that stops answering pings (gone off the network) is cut off, freeing its sockets.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            // A body bigger than the API reads is refused before anyone reads it.
            if (context.Request.Path.StartsWithSegments("/api")
                && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                // A body without a length (chunked) is cut off at the same size by the server itself.
                limit.MaxRequestBodySize = settings.MaxRequestBytes;
            }

            if (context.Request.Path.StartsWithSegments("/api") && context.Request.ContentLength > settings.MaxRequestBytes)
            {
                await ConsoleJson.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge,
                    $"request body over {settings.MaxRequestBytes} bytes (actorstream.web.max-request-bytes)").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

        ConsoleStaticFiles.Map(app, webRoot ?? ConsoleStaticFiles.WebRoot);
        SessionEndpoints.Map(app);
        ApiEndpoints.Map(app);
        app.Map("/ws/live", (RequestDelegate)LiveSocket.HandleAsync);
        app.Map("/ws/stream/{station}", (RequestDelegate)(context => StreamSocket.HandleRequestAsync(context)));
        app.Map("/api/{**rest}", (RequestDelegate)(context =>
            ConsoleJson.ErrorAsync(context, StatusCodes.Status404NotFound, $"no API {context.Request.Method} {context.Request.Path}")));
    }
}
