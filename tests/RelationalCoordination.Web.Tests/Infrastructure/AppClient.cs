using System.Net;
using System.Text.RegularExpressions;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping client that fills forms as a browser would: it fetches the page first for
/// its antiforgery token, then posts the fields.
/// </summary>
public sealed partial class AppClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<Page> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts a form to <paramref name="url"/> (with the token of the page at <paramref name="formPage"/>, default the same url).</summary>
    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await TokenAsync(formPage ?? url);
        return await PostWithTokenAsync(url, fields, token);
    }

    public Task<Page> PostAsync(string url, params (string Name, string Value)[] fields) =>
        PostAsync(url, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary>Posts with a token taken from a page that this client may see (for URLs it may not).</summary>
    public async Task<Page> PostFromAsync(string tokenPage, string url, params (string Name, string Value)[] fields) =>
        await PostWithTokenAsync(url, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), await TokenAsync(tokenPage));

    public async Task<Page> PostWithTokenAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(KeyValuePair.Create("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(all);
        using var response = await Http.PostAsync(url, content);
        return await Page.ReadAsync(response);
    }

    /// <summary>An antiforgery token for this client; any page with a form will do.</summary>
    public async Task<string?> TokenAsync(string url)
    {
        var page = await GetAsync(url);
        return page.Token ?? (await GetAsync("/account/signout")).Token;
    }

    public async Task SignUpAsync(string email, string password = "correct horse battery")
    {
        var page = await PostAsync("/account/signup", ("Input.Email", email), ("Input.Password", password));
        if (page.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-up failed: {page.Status} {page.Text}");
        }
    }

    public async Task SignInAsync(string email, string password = "correct horse battery")
    {
        var page = await PostAsync("/account/signin", ("Email", email), ("Password", password));
        if (page.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {page.Status}");
        }
    }

    /// <summary>Creates an organisation through the page and returns its id.</summary>
    public async Task<Guid> CreateOrganisationAsync(string name)
    {
        var page = await PostAsync("/orgs", ("Input.Name", name));
        return Guid.Parse(page.Location!.Split('/').Last());
    }

    public void Dispose() => Http.Dispose();

    public sealed partial record Page(HttpStatusCode Status, string Html, string? Location)
    {
        public string? Token => TokenPattern().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        /// <summary>The page's visible text, tags stripped and entities decoded.</summary>
        public string Text => WebUtility.HtmlDecode(TagPattern().Replace(Html, " "));

        public static async Task<Page> ReadAsync(HttpResponseMessage response) =>
            new(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        [GeneratedRegex("<[^>]+>")]
        private static partial Regex TagPattern();
    }
}
