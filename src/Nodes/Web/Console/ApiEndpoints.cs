using ActorStream.Actors.Stations;
using ActorStream.Messages.Chat;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The console's REST API: the same messages as `actorstream station/dest/nodes/metrics/announce`, sent from the seed
/// itself to /user/stations, /user/stations/NAME, /user/cluster-members, /user/metrics and /user/chat. Reading needs
/// a login only when watching does; every change needs an admin login and the anti-forgery token.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>A destination URI longer than this is no destination.</summary>
    public const int MaxUriLength = 2048;

    /// <summary>A new station is probed (its source, a file's streams) before the supervisor answers.</summary>
    private static readonly TimeSpan AddStationTimeout = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder app)
    {
        // Every change counts against its client's actions-per-minute.
        void Post(string route, RequestDelegate handler) => app.MapPost(route, handler).RequireRateLimiting(WebConsole.ActionsPolicy);
        void Delete(string route, RequestDelegate handler) => app.MapDelete(route, handler).RequireRateLimiting(WebConsole.ActionsPolicy);

        app.MapGet("/api/stations", Read((context, actors) =>
            actors.AskAsync<StationList>(ConsoleActors.StationsPath, ListStations.Instance, context.RequestAborted)));

        Post("/api/stations", Act("add a station", async (context, requests, actors, _) =>
        {
            var spec = await requests.ReadJsonAsync<StationSpec>(context).ConfigureAwait(false);
            if (spec.Name is null)
            {
                throw new ConsoleRefusal(StatusCodes.Status400BadRequest, "a station needs a name");
            }

            return await actors.AskAsync<object>(ConsoleActors.StationsPath, new AddStation(spec), context.RequestAborted, AddStationTimeout).ConfigureAwait(false) switch
            {
                StationAdded added => (StatusCodes.Status201Created, added),
                StationRejected rejected => throw new ConsoleRefusal(StatusCodes.Status400BadRequest, rejected.Reason),
                var other => throw Unexpected(other),
            };
        }));

        Delete("/api/stations/{name}", Act("remove a station", async (context, _, actors, _) =>
        {
            var name = StationName(context);
            return await actors.AskAsync<object>(ConsoleActors.StationsPath, new RemoveStation(name), context.RequestAborted).ConfigureAwait(false) switch
            {
                StationRemoved removed => (StatusCodes.Status200OK, removed),
                StationNotFound => throw NoStation(name),
                var other => throw Unexpected(other),
            };
        }));

        app.MapGet("/api/stations/{name}/destinations", Read(async (context, actors) =>
        {
            var name = StationName(context);
            var station = await actors.StationAsync(name, context.RequestAborted).ConfigureAwait(false) ?? throw NoStation(name);
            return await actors.AskRefAsync<DestinationList>(station, $"station {name}", ListDestinations.Instance, context.RequestAborted).ConfigureAwait(false);
        }));

        Post("/api/stations/{name}/destinations", Act("add a destination", async (context, requests, actors, _) =>
        {
            var name = StationName(context);
            var body = await requests.ReadJsonAsync<DestinationBody>(context).ConfigureAwait(false);
            var uri = CheckUri(body.Uri);
            var station = await actors.StationAsync(name, context.RequestAborted).ConfigureAwait(false) ?? throw NoStation(name);
            return await actors.AskRefAsync<object>(station, $"station {name}", new AddDestination(uri), context.RequestAborted).ConfigureAwait(false) switch
            {
                DestinationAdded added => (StatusCodes.Status201Created, added),
                DestinationRejected rejected => throw new ConsoleRefusal(StatusCodes.Status400BadRequest, rejected.Reason),
                var other => throw Unexpected(other),
            };
        }));

        Delete("/api/stations/{name}/destinations", Act("remove a destination", async (context, _, actors, _) =>
        {
            var name = StationName(context);
            var uri = CheckUri(context.Request.Query["uri"].ToString());
            var station = await actors.StationAsync(name, context.RequestAborted).ConfigureAwait(false) ?? throw NoStation(name);
            return await actors.AskRefAsync<object>(station, $"station {name}", new RemoveDestination(uri), context.RequestAborted).ConfigureAwait(false) switch
            {
                DestinationRemoved removed => (StatusCodes.Status200OK, removed),
                DestinationNotFound missing => throw new ConsoleRefusal(StatusCodes.Status404NotFound, missing.Reason),
                var other => throw Unexpected(other),
            };
        }));

        app.MapGet("/api/cluster", Read((context, actors) =>
            actors.AskAsync<ClusterMembers>(ConsoleActors.ClusterMembersPath, GetClusterMembers.Instance, context.RequestAborted)));

        app.MapGet("/api/metrics", Read((context, actors) =>
            actors.AskMetricsAsync<MetricsSnapshot>(GetMetricsSnapshot.Instance, context.RequestAborted)));

        app.MapGet("/api/chat/history", Read(async (context, actors) =>
        {
            var last = Number(context, "last", 50, 1, 10_000);
            var before = Number(context, "before", 0, 0, long.MaxValue);
            return ChatAnswer(await actors.AskChatAsync(new GetChatHistory(before, (int)last), context.RequestAborted).ConfigureAwait(false));
        }));

        // The announcements in force, for a page that watches without joining the chat.
        app.MapGet("/api/chat/announcements", Read(async (context, actors) =>
            ChatAnswer(await actors.AskChatAsync(new GetChatAnnouncements(), context.RequestAborted).ConfigureAwait(false))));

        Post("/api/chat/announcements", Act("announce", async (context, requests, actors, user) =>
        {
            var body = await requests.ReadJsonAsync<TextBody>(context).ConfigureAwait(false);
            return (StatusCodes.Status201Created,
                ChatAnswer(await actors.AskChatAsync(new MakeAnnouncement(body.Text ?? "", user), context.RequestAborted).ConfigureAwait(false)));
        }));

        Delete("/api/chat/announcements/{id}", Act("withdraw an announcement", async (context, _, actors, user) =>
        {
            var id = RouteNumber(context, "id");
            return (StatusCodes.Status200OK,
                ChatAnswer(await actors.AskChatAsync(new WithdrawAnnouncement(id, user), context.RequestAborted).ConfigureAwait(false)));
        }));

        Post("/api/chat/hide/{seq}", Act("hide a chat message", async (context, _, actors, user) =>
        {
            var sequence = RouteNumber(context, "seq");
            return (StatusCodes.Status200OK,
                ChatAnswer(await actors.AskChatAsync(new HideChatMessage(sequence, user), context.RequestAborted).ConfigureAwait(false)));
        }));

        Post("/api/chat/mute", Act("mute a chat name", async (context, requests, actors, user) =>
        {
            var body = await requests.ReadJsonAsync<MuteBody>(context).ConfigureAwait(false);
            return (StatusCodes.Status200OK,
                ChatAnswer(await actors.AskChatAsync(new MuteChatName(body.Name ?? "", !body.Unmute, user), context.RequestAborted).ConfigureAwait(false)));
        }));
    }

    /// <summary>A GET: open, or for a login when watching needs one; answers 200 with what <paramref name="read"/> returns.</summary>
    private static RequestDelegate Read<T>(Func<HttpContext, ConsoleActors, Task<T>> read) where T : notnull =>
        ConsoleRequests.Endpoint(async (context, requests) =>
        {
            requests.RequireWatch(context);
            var answer = await read(context, context.RequestServices.GetRequiredService<ConsoleActors>()).ConfigureAwait(false);
            await ConsoleJson.WriteAsync(context, StatusCodes.Status200OK, answer).ConfigureAwait(false);
        });

    /// <summary>A POST or DELETE: the anti-forgery token and an admin login, then <paramref name="act"/> with the admin's name.</summary>
    private static RequestDelegate Act(string what, Func<HttpContext, ConsoleRequests, ConsoleActors, string, Task<(int Status, object Answer)>> act) =>
        ConsoleRequests.Endpoint(async (context, requests) =>
        {
            var user = await requests.RequireAdminAsync(context, what).ConfigureAwait(false);
            var (status, answer) = await act(context, requests, context.RequestServices.GetRequiredService<ConsoleActors>(), user).ConfigureAwait(false);
            await ConsoleJson.WriteAsync(context, status, answer).ConfigureAwait(false);
        });

    /// <summary>The chat room's answer, or its refusal as an error with status and reason.</summary>
    private static object ChatAnswer(object answer) => answer switch
    {
        ChatRefused refused => throw new ChatRefusal(refused),
        ChatEventRecorded or ChatHistory or ChatAnnouncements => answer,
        _ => throw Unexpected(answer),
    };

    private static string StationName(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? "";
        // A name that cannot be a station's is none: nor may it reach an actor selection (a '*' would match them all).
        return StationNames.Problem(name) is null ? name : throw NoStation(name.Length > 64 ? name[..64] + "..." : name);
    }

    private static string CheckUri(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new ConsoleRefusal(StatusCodes.Status400BadRequest, "a destination needs a uri, e.g. udp://192.168.1.20:5000");
        }

        return uri.Length <= MaxUriLength
            ? uri.Trim()
            : throw new ConsoleRefusal(StatusCodes.Status400BadRequest, $"a destination uri must be at most {MaxUriLength} characters");
    }

    private static long Number(HttpContext context, string key, long fallback, long min, long max)
    {
        var text = context.Request.Query[key].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
               && value >= min && value <= max
            ? value
            : throw new ConsoleRefusal(StatusCodes.Status400BadRequest, $"{key} must be a whole number {min}..{max}");
    }

    private static long RouteNumber(HttpContext context, string key) =>
        long.TryParse(context.Request.RouteValues[key] as string, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ConsoleRefusal(StatusCodes.Status404NotFound, $"no such {key}");

    private static ConsoleRefusal NoStation(string name) => new(StatusCodes.Status404NotFound, $"no station {name}");

    private static ActorUnavailableException Unexpected(object answer) => new($"unexpected answer {answer.GetType().Name}");

    private sealed record DestinationBody(string? Uri);

    private sealed record TextBody(string? Text);

    private sealed record MuteBody(string? Name, bool Unmute);
}
