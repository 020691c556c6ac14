using System.Buffers.Binary;
using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>What a facilitator hands out: links, QR codes, posters, invitation codes and their slips.</summary>
public sealed class DistributionTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private const string OnCall = "Læger, \"on call\" <b>";

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task An_open_survey_has_a_link_for_everyone_and_one_per_answering_role_each_with_QR_codes_and_a_poster()
    {
        var (id, key) = await OpenSurveyAsync("Links");
        var share = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/share");

        Assert.Equal(HttpStatusCode.OK, share.Status);
        Assert.Contains($"http://localhost/s/{key}", share.Text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/s/{key}/1", share.Text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/s/{key}/2", share.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"http://localhost/s/{key}/3", share.Text, StringComparison.Ordinal);   // rated only: it does not answer

        // The open link's QR code is smaller than a role link's: a longer text needs more modules.
        var (openWidth, _) = await PngAsync($"{Org}/surveys/{id}/share?handler=Qr&format=png");
        using var download = await scenario.Facilitator.Http.GetAsync($"{Org}/surveys/{id}/share?handler=Qr&role=2&format=png&download=true");
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"qr-{key}-2.png", download.Content.Headers.ContentDisposition?.FileName);
        var (roleWidth, _) = Png(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, openWidth % 25);
        Assert.True(openWidth is >= (21 + 8) * 25 and <= (41 + 8) * 25, $"width {openWidth}");
        Assert.True(roleWidth >= openWidth);
        using var svg = await scenario.Facilitator.Http.GetAsync($"{Org}/surveys/{id}/share?handler=Qr&role=1&format=svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/share?handler=Qr&role=3&format=svg")).Status);

        var poster = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/poster/2");
        Assert.Contains("Links", poster.Text, StringComparison.Ordinal);
        Assert.Contains("discharging a patient", poster.Text, StringComparison.Ordinal);
        Assert.Contains("Your role: Physicians", poster.Text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/s/{key}/2", poster.Text, StringComparison.Ordinal);
        Assert.Contains("Takes about 10 minutes · anonymous", poster.Text, StringComparison.Ordinal);
        Assert.Contains("<svg", poster.Html, StringComparison.Ordinal);
        Assert.Contains("Tager omkring 10 minutter · anonymt", (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/poster?lang=da")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/poster/3")).Status);
    }

    [Fact]
    public async Task A_draft_survey_has_no_links_yet()
    {
        var page = await scenario.Facilitator.GetAsync($"{Org}/surveys/{scenario.SurveyId}/share");

        Assert.Contains("Open the survey to get its links", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Facilitator.GetAsync($"{Org}/surveys/{scenario.SurveyId}/poster")).Status);
    }

    [Fact]
    public async Task Invitation_codes_are_shown_once_when_generated_with_their_CSV_and_slips()
    {
        var (id, _) = await OpenSurveyAsync("Codes");
        var roles = await Respondent.RolesAsync(app, id);

        var (made, first) = await GeneratedCodes.GenerateAsync(scenario, id, 3);
        Assert.Contains("6 invitation codes generated. They are shown only now", made.Text, StringComparison.Ordinal);
        Assert.Equal(6, first.Count);
        var (_, second) = await GeneratedCodes.GenerateAsync(scenario, id, 2, roles["Physicians"]);
        Assert.Equal(["Physicians", "Physicians"], second.Select(c => c.Role));

        // The first batch's page sends its codes back for the CSV and the slips.
        var sent = System.Text.RegularExpressions.Regex.Match(made.Html, "name=\"codes\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(first.Select(c => c.Code), sent.Split(' '));
        // Both forms that send them back carry their antiforgery token, the slips' one to its own page.
        var section = made.Html[made.Html.IndexOf("id=\"new-codes\"", StringComparison.Ordinal)..made.Html.IndexOf("id=\"created-codes\"", StringComparison.Ordinal)];
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(section, "name=\"__RequestVerificationToken\""));
        Assert.Contains($"action=\"{Org}/surveys/{id}/slips\"", section, StringComparison.Ordinal);
        var share = $"{Org}/surveys/{id}/share";
        var csv = await scenario.Facilitator.PostAsync($"{share}?handler=CodesCsv", [KeyValuePair.Create("codes", sent)], share);
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        var rows = CsvRecordReader.ReadAll(csv.Text).ToList();
        Assert.Equal(["role", "code", "link", "used"], rows[0]);
        Assert.Equal(6, rows.Count - 1);
        Assert.Equal(3, rows.Count(r => r[0] == "Nurses"));
        Assert.Equal(3, rows.Count(r => r[0] == "Physicians"));
        Assert.All(rows.Skip(1), r =>
        {
            Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$", r[1]);
            Assert.Equal($"http://localhost/c/{r[1].Replace("-", "", StringComparison.Ordinal)}", r[2]);
            Assert.Equal("false", r[3]);
        });
        Assert.Equal(first.Select(c => c.Code), rows.Skip(1).Select(r => r[1].Replace("-", "", StringComparison.Ordinal)));

        var slips = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/slips", [KeyValuePair.Create("codes", sent)], share);
        Assert.Equal(HttpStatusCode.OK, slips.Status);
        Assert.All(rows.Skip(1), r => Assert.Contains(r[1], slips.Text, StringComparison.Ordinal));
        Assert.Contains("http://localhost/c", slips.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(RespondentCodesDisplay(second[0].Code), slips.Text, StringComparison.Ordinal);

        // Afterwards no page lists them: the share page shows counts only, old links lead there.
        var later = await scenario.Facilitator.GetAsync(share);
        Assert.All(first.Concat(second), c => Assert.DoesNotContain(c.Code, later.Html, StringComparison.Ordinal));
        Assert.Equal(share, (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/slips")).Location);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Facilitator.PostAsync($"{share}?handler=CodesCsv", [KeyValuePair.Create("codes", "")], share)).Status);
        var invented = await scenario.Facilitator.PostAsync($"{share}?handler=CodesCsv", [KeyValuePair.Create("codes", $"{first[0].Code} ABCDEFGHJK")], share);
        Assert.Equal(HttpStatusCode.BadRequest, invented.Status);
        Assert.Contains("ABCD-EFGH-JK is not an invitation code of this survey", invented.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_printed_slip_carries_the_QR_code_of_its_own_codes_link()
    {
        var (id, _) = await OpenSurveyAsync("Slips with QR codes");
        var (_, codes) = await GeneratedCodes.GenerateAsync(scenario, id, 2);
        var share = $"{Org}/surveys/{id}/share";

        var slips = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/slips", [KeyValuePair.Create("codes", string.Join(' ', codes.Select(c => c.Code)))], share);

        Assert.Equal(HttpStatusCode.OK, slips.Status);
        var sections = System.Text.RegularExpressions.Regex.Matches(slips.Html, "<section class=\"slip\">(.*?)</section>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, sections.Count);
        foreach (var (slip, (_, code)) in sections.Zip(codes))
        {
            Assert.Contains(RespondentCodesDisplay(code), slip, StringComparison.Ordinal);
            Assert.Contains(Web.Infrastructure.PublicLinks.QrSvg($"http://localhost/c/{code}"), slip, StringComparison.Ordinal);
        }

        // Inline SVG, and still nothing the Content-Security-Policy refuses: no style attribute, no script.
        Assert.DoesNotContain("style=", slips.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", slips.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_link_and_code_on_the_share_page_has_a_copy_button_that_only_scripts_show()
    {
        var (id, key) = await OpenSurveyAsync("Copy buttons");

        var (made, codes) = await GeneratedCodes.GenerateAsync(scenario, id, 1);

        var copied = System.Text.RegularExpressions.Regex.Matches(made.Html, "<button type=\"button\" class=\"copy-button secondary\" data-copy=\"([^\"]+)\" hidden>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        string[] expected =
        [
            $"http://localhost/s/{key}", $"http://localhost/s/{key}/1", $"http://localhost/s/{key}/2", "http://localhost/c",
            .. codes.SelectMany(c => new[] { RespondentCodesDisplay(c.Code), $"http://localhost/c/{c.Code}" }),
        ];
        Assert.Equal(expected, copied);
        // Without scripts each is plain text to select; the script comes from a file, as the Content-Security-Policy wants.
        Assert.All(copied, text => Assert.Contains($"<span class=\"copy\">{text}</span>", made.Html, StringComparison.Ordinal));
        Assert.Matches("<script src=\"/js/copy[.a-z0-9]*\\.js\" defer></script>", made.Html);
        // Each with its status, which carries the page's words for "Copied" (copy.js reads them).
        Assert.Equal(copied.Count, System.Text.RegularExpressions.Regex.Count(made.Html, "<span class=\"copy-status\" role=\"status\" data-copied=\"Copied\" data-not-copied=\"Not copied: select the text and copy it\"></span>"));
    }

    private static string RespondentCodesDisplay(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    [Theory]
    [InlineData("0", null, "give a whole number from 1 to 1,000")]
    [InlineData("1001", null, "give a whole number from 1 to 1,000")]
    [InlineData("many", null, "give a whole number from 1 to 1,000")]
    [InlineData("", null, "give a whole number from 1 to 1,000")]
    [InlineData("2", "unknown", "Choose a role that answers the survey.")]
    [InlineData("2", "rated-only", "Choose a role that answers the survey.")]
    public async Task A_bad_request_for_codes_says_what_is_wrong_and_makes_none(string count, string? role, string message)
    {
        var (id, _) = await OpenSurveyAsync("Bad codes");
        var roles = await Respondent.RolesAsync(app, id);
        var fields = new List<(string, string)> { ("count", count) };
        if (role is not null)
        {
            fields.Add(("role", role == "unknown" ? Guid.NewGuid().ToString() : roles[OnCall].ToString()));
        }

        var refused = await GenerateAsync(id, [.. fields]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.InvitationCodes.CountAsync(c => c.SurveyId == id)));
    }

    private Task<AppClient.Page> GenerateAsync(Guid id, params (string, string)[] fields) =>
        scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/share?handler=Codes", fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)), $"{Org}/surveys/{id}/share");

    private async Task<(Guid Id, string Key)> OpenSurveyAsync(string title)
    {
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, title, ("Nurses", true, true), ("Physicians", true, true), (OnCall, false, true));
        await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);
        return (id, await Respondent.KeyOfAsync(app, id));
    }

    private async Task<(int Width, int Height)> PngAsync(string url) =>
        Png(await scenario.Facilitator.Http.GetByteArrayAsync(url));

    /// <summary>A PNG's size from its header, after checking the signature.</summary>
    private static (int Width, int Height) Png(byte[] bytes)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
