using System.Security.Claims;
using ActorStream.Nodes.Hosting;
using Microsoft.AspNetCore.Http;

namespace ActorStream.Nodes.Web.Console;

/// <summary>Who a request comes from, as the console sees it: an admin (logged in as a user the config still has)
/// or a watcher.</summary>
public static class ConsoleSession
{
    public const string AuthCookie = "actorstream.auth";
    public const string AntiforgeryCookie = "actorstream.csrf";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
    public const string AdminRole = "admin";

    /// <summary>The admin's name, or null for a watcher. A user removed from the config is no admin, cookie or not.</summary>
    public static string? Admin(HttpContext context, WebConsoleSettings settings)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AdminRole))
        {
            return null;
        }

        var name = user.FindFirstValue(ClaimTypes.Name);
        return name is not null && settings.Users.ContainsKey(name) ? name : null;
    }

    /// <summary>What GET /api/session and the live socket's hello say of the session (without the token).</summary>
    public static SessionInfo Describe(HttpContext context, WebConsoleSettings settings)
    {
        var admin = Admin(context, settings);
        return new SessionInfo(admin, admin is not null, settings.WatchRequiresLogin, settings.AdminConfigured);
    }

    public static ClaimsPrincipal Principal(string user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, AdminRole)], scheme));

    /// <summary>The session as the page sees it.</summary>
    public sealed record SessionInfo(string? User, bool Admin, bool WatchRequiresLogin, bool AdminConfigured);

    /// <summary>GET /api/session's answer: the session and the anti-forgery token for X-CSRF-TOKEN.</summary>
    public sealed record SessionWithToken(string? User, bool Admin, bool WatchRequiresLogin, bool AdminConfigured, string AntiforgeryToken);
}
