using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.WebConsole;

/// <summary>
/// The console's HTTP API from outside a browser, as a script or an attacker would call it: a cookie jar of its own,
/// the anti-forgery token from GET /api/session (sent as X-CSRF-TOKEN unless a call says otherwise), and login.
/// </summary>
public sealed class ConsoleApi : IDisposable
{
    public const string TokenHeader = "X-CSRF-TOKEN";

    private readonly HttpClient _http;

    private ConsoleApi(Uri baseUri)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The anti-forgery token of the latest GET /api/session (it changes with the login).</summary>
    public string Token { get; private set; } = "";

    /// <summary>The latest GET /api/session.</summary>
    public JsonElement Session { get; private set; }

    /// <summary>A client with a session (anti-forgery cookie and token) and no login.</summary>
    public static async Task<ConsoleApi> OpenAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        var api = new ConsoleApi(baseUri);
        try
        {
            await api.RefreshSessionAsync(cancellationToken);
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>GET /api/session: the user, and a fresh anti-forgery token (tied to the login, so read again after one).</summary>
    public async Task RefreshSessionAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("/api/session", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/session answered {(int)response.StatusCode}: {body}");
        Session = JsonDocument.Parse(body).RootElement.Clone();
        Token = Session.GetProperty("antiforgeryToken").GetString() ?? "";
        Assert.False(string.IsNullOrEmpty(Token), $"GET /api/session gave no antiforgeryToken: {body}");
    }

    /// <summary>POST /api/login with the token; on 200 reads the session again (the token of the logged-in user).</summary>
    public async Task<ApiAnswer> LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/login", new { user, password }, Token, cancellationToken);
        if (answer.Status == HttpStatusCode.OK)
        {
            await RefreshSessionAsync(cancellationToken);
        }

        return answer;
    }

    /// <summary>A request with a JSON body (null: none) and <paramref name="token"/> as X-CSRF-TOKEN (null: no header).</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Add(TokenHeader, token);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return new ApiAnswer(method.Method, path, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>GET <paramref name="path"/>, which must answer 200: its JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return JsonDocument.Parse(answer.Body).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
