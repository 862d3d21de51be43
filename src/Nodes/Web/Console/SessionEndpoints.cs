using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Web.Console;

/// <summary>GET /api/session, POST /api/login, POST /api/logout.</summary>
public static class SessionEndpoints
{
    /// <summary>Login names and passwords longer than this are not tried (the PBKDF2 of a megabyte costs CPU).</summary>
    public const int MaxCredentialLength = 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", ConsoleRequests.Endpoint((context, requests) =>
        {
            var info = ConsoleSession.Describe(context, requests.Settings);
            var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;
            return ConsoleJson.WriteAsync(context, StatusCodes.Status200OK,
                new ConsoleSession.SessionWithToken(info.User, info.Admin, info.WatchRequiresLogin, info.AdminConfigured, token));
        }));

        app.MapPost("/api/login", ConsoleRequests.Endpoint(LoginAsync)).RequireRateLimiting(WebConsole.ActionsPolicy);

        app.MapPost("/api/logout", ConsoleRequests.Endpoint(async (context, requests) =>
        {
            await requests.RequireAntiforgeryAsync(context).ConfigureAwait(false);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        })).RequireRateLimiting(WebConsole.ActionsPolicy);
    }

    private static async Task LoginAsync(HttpContext context, ConsoleRequests requests)
    {
        await requests.RequireAntiforgeryAsync(context).ConfigureAwait(false);
        var login = await requests.ReadJsonAsync<LoginRequest>(context).ConfigureAwait(false);
        var user = login.User ?? "";
        var password = login.Password ?? "";
        if (user.Length > MaxCredentialLength || password.Length > MaxCredentialLength)
        {
            throw new ConsoleRefusal(StatusCodes.Status400BadRequest, $"user and password must be at most {MaxCredentialLength} characters");
        }

        var settings = requests.Settings;
        var log = context.RequestServices.GetRequiredService<ILogger<ConsoleRequests>>();
        var checker = context.RequestServices.GetRequiredService<PasswordChecker>();
        var good = await checker.CheckAsync(user, password, context.RequestAborted).ConfigureAwait(false);
        if (!good)
        {
            // A name that is no admin's is not logged: it may be a password typed into the wrong field.
            log.LogWarning("Web console: a failed login as {User} from {Address}",
                checker.IsAdmin(user) ? user : "a name that is no admin's", context.Connection.RemoteIpAddress);
            throw new ConsoleRefusal(StatusCodes.Status401Unauthorized, settings.AdminConfigured
                ? "wrong user name or password"
                : "no admin users are configured (add one with `actorstream web hash-password`)");
        }

        var principal = ConsoleSession.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false }).ConfigureAwait(false);
        log.LogInformation("Web console: {User} logged in from {Address}", user, context.Connection.RemoteIpAddress);
        // The anti-forgery token is bound to the user: the page's next action needs one made for the admin.
        context.User = principal;
        var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;
        await ConsoleJson.WriteAsync(context, StatusCodes.Status200OK, new LoginAnswer(user, true, token)).ConfigureAwait(false);
    }

    private sealed record LoginRequest(string? User, string? Password);

    private sealed record LoginAnswer(string User, bool Admin, string AntiforgeryToken);
}
