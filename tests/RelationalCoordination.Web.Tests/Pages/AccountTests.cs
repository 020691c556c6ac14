using System.Net;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

public sealed class AccountTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;

    [Fact]
    public async Task Signing_up_signs_in_and_leads_to_the_organisations()
    {
        using var client = app.NewClient();

        await client.SignUpAsync("new.user@example.org");
        var page = await client.GetAsync("/orgs");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("You are not a member of any organisation yet", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email", "long enough password", "Enter a valid e-mail address.")]
    [InlineData("short@example.org", "short", "The password needs at least 10 characters.")]
    [InlineData("", "long enough password", "Enter your e-mail address.")]
    public async Task Bad_sign_up_input_is_shown_next_to_the_field(string email, string password, string message)
    {
        using var client = app.NewClient();
        var users = await app.CountAsync<Data.AppUser>();

        var page = await client.PostAsync("/account/signup", ("Input.Email", email), ("Input.Password", password));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Equal(users, await app.CountAsync<Data.AppUser>());
    }

    [Fact]
    public async Task An_email_can_have_only_one_account()
    {
        using var first = app.NewClient();
        using var second = app.NewClient();
        await first.SignUpAsync("taken@example.org");

        var page = await second.PostAsync("/account/signup", ("Input.Email", "taken@example.org"), ("Input.Password", "another long password"));

        Assert.Contains("is already taken", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_telling_which_part_was_wrong()
    {
        using var client = app.NewClient();
        await client.SignUpAsync("careful@example.org");
        using var other = app.NewClient();

        var wrongPassword = await other.PostAsync("/account/signin", ("Email", "careful@example.org"), ("Password", "not the password"));
        var unknownUser = await other.PostAsync("/account/signin", ("Email", "nobody@example.org"), ("Password", "not the password"));

        Assert.Contains("The e-mail or password is not right.", wrongPassword.Text, StringComparison.Ordinal);
        Assert.Contains("The e-mail or password is not right.", unknownUser.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account()
    {
        using var owner = app.NewClient();
        await owner.SignUpAsync("locked@example.org");
        using var attacker = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await attacker.PostAsync("/account/signin", ("Email", "locked@example.org"), ("Password", $"guess number {i}"));
        }

        var page = await attacker.PostAsync("/account/signin", ("Email", "locked@example.org"), ("Password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("this account is locked for 15 minutes", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_password_replaces_the_old_one()
    {
        using var client = app.NewClient();
        await client.SignUpAsync("changer@example.org");

        var wrong = await client.PostAsync("/account/manage/password", ("Input.Current", "not my password"), ("Input.New", "a brand new password"));
        var changed = await client.PostAsync("/account/manage/password", ("Input.Current", "correct horse battery"), ("Input.New", "a brand new password"));
        using var later = app.NewClient();
        var old = await later.PostAsync("/account/signin", ("Email", "changer@example.org"), ("Password", "correct horse battery"));
        await later.SignInAsync("changer@example.org", "a brand new password");

        Assert.Contains("The current password is not right.", wrong.Text, StringComparison.Ordinal);
        Assert.Contains("Your password has been changed.", changed.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, old.Status);
    }

    [Fact]
    public async Task The_sign_out_button_on_every_page_signs_out()
    {
        using var client = app.NewClient();
        await client.SignUpAsync("header.leaver@example.org");
        var page = await client.GetAsync("/orgs");
        var form = System.Text.RegularExpressions.Regex.Match(page.Html, "<form[^>]*id=\"sign-out\"[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var token = System.Text.RegularExpressions.Regex.Match(form.Groups[1].Value, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

        Assert.True(form.Success, "the layout has a sign-out form");
        Assert.Contains("action=\"/account/signout\"", form.Value, StringComparison.Ordinal);
        Assert.True(token.Success, "the sign-out form carries an antiforgery token");
        var signedOut = await client.PostWithTokenAsync("/account/signout", [], WebUtility.HtmlDecode(token.Groups[1].Value));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/orgs")).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = app.NewClient();
        await client.SignUpAsync("leaver@example.org");

        await client.PostAsync("/account/signout");
        var page = await client.GetAsync("/orgs");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/account/signin", page.Location, StringComparison.Ordinal);
    }
}
