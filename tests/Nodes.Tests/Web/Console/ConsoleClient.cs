using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>An HttpClient with a cookie jar and the console's session calls.</summary>
public sealed class ConsoleClient : IDisposable
{
    public ConsoleClient(Uri baseUri)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(40) };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The anti-forgery token of the last session or login.</summary>
    public string Token { get; private set; } = "";

    public async Task<JsonElement> SessionAsync(CancellationToken ct)
    {
        var session = await Http.GetFromJsonAsync<JsonElement>("/api/session", ct);
        Token = session.GetProperty("antiforgeryToken").GetString()!;
        return session;
    }

    public async Task<HttpResponseMessage> LoginAsync(string user, string password, CancellationToken ct)
    {
        if (Token.Length == 0)
        {
            await SessionAsync(ct);
        }

        var response = await SendAsync(HttpMethod.Post, "/api/login", new { user, password }, ct);
        if (response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Token = body.GetProperty("antiforgeryToken").GetString()!;
        }

        return response;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var csrf = token ?? Token;
        if (csrf.Length > 0)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }

        return Http.SendAsync(request, ct);
    }

    public void Dispose() => Http.Dispose();
}
