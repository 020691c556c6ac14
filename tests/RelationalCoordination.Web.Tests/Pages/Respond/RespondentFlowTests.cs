using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Respond.RespondentSurveys;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>Answering a survey through the respondent pages, as plain forms (no JavaScript): what is stored, and what is refused.</summary>
public sealed class RespondentFlowTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_respondent_answers_every_question_and_exactly_those_answers_are_stored()
    {
        var (id, key, roles) = await OpenSurveyAsync("Whole flow");
        using var respondent = new Respondent(app, key);

        var welcome = await respondent.Client.GetAsync(respondent.Base);
        Assert.Equal(HttpStatusCode.OK, welcome.Status);
        Assert.Contains("Whole flow", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Results appear only when the survey has closed, and only for groups of at least 5 people", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Physicians", welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("on call", welcome.Text, StringComparison.Ordinal);   // rated, but does not answer

        var started = await respondent.StartAsync(roles["Nurses"]);
        Assert.Equal($"/s/{key}/q/1", started.Location);
        for (var n = 1; n <= 7; n++)
        {
            var question = await respondent.Client.GetAsync($"/s/{key}/q/{n}");
            Assert.Contains($"Question {n} of 7", question.Text, StringComparison.Ordinal);
            Assert.Contains("discharging a patient", question.Text, StringComparison.Ordinal);
            var saved = await respondent.AnswerAsync(n, Scores(roles, n), n == 7 ? "review" : "next");
            Assert.Equal(n == 7 ? $"/s/{key}/review" : $"/s/{key}/q/{n + 1}", saved.Location);
        }

        var review = await respondent.Client.GetAsync($"/s/{key}/review");
        Assert.Contains("You have answered every question.", review.Text, StringComparison.Ordinal);
        var submitted = await respondent.SubmitAsync();
        Assert.Equal($"/s/{key}/thanks", submitted.Location);
        Assert.Contains("Thank you!", (await respondent.Client.GetAsync(submitted.Location!)).Text, StringComparison.Ordinal);

        var response = await app.QueryAsync(db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.SurveyId == id));
        Assert.Equal(roles["Nurses"], response.RoleId);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), response.SubmittedOn);
        Assert.Equal(3, response.Answers.Count);
        foreach (var answer in response.Answers)
        {
            AssertStoredAsGiven(roles, answer);
        }

        var draft = await app.QueryAsync(db => db.ResponseDrafts.SingleAsync(d => d.SurveyId == id));
        Assert.True(draft.Submitted);
        Assert.Equal("{}", draft.Answers);
    }

    [Fact]
    public async Task The_review_lists_what_is_unanswered_and_a_partial_response_keeps_only_what_was_answered()
    {
        var (id, key, roles) = await OpenSurveyAsync("Partial");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        await respondent.AnswerAsync(3, new Dictionary<Guid, int> { [roles["Physicians"]] = 4, [roles["Nurses"]] = 0 }, "review");

        var review = await respondent.Client.GetAsync($"/s/{key}/review");
        Assert.Contains("Unanswered: Nurses, Physicians, Læger, \"on call\" <b>", review.Text, StringComparison.Ordinal);
        Assert.Contains("Unanswered: Læger, \"on call\" <b>", review.Text, StringComparison.Ordinal);
        await respondent.SubmitAsync();

        var answers = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).SelectMany(r => r.Answers).ToListAsync());
        var answer = Assert.Single(answers);
        Assert.Equal(roles["Physicians"], answer.TargetRoleId);
        Assert.Equal((short)4, answer.Accurate);
        Assert.Null(answer.Frequent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_response_with_nothing_answered_or_only_not_applicable_is_refused(bool notApplicable)
    {
        var (id, key, roles) = await OpenSurveyAsync($"Empty {notApplicable}");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        if (notApplicable)
        {
            await respondent.AnswerAsync(1, roles.Values.ToDictionary(r => r, _ => 0));
        }

        var refused = await respondent.SubmitAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Answer at least one question with one of its options", refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.False(await app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => d.Submitted).SingleAsync()));
    }

    [Theory]
    [InlineData("q1.{nurses}", "6")]
    [InlineData("q1.{nurses}", "0")]
    [InlineData("q1.{nurses}", "x")]
    [InlineData("q1.{nurses}", "")]
    [InlineData("q1.{other}", "3")]
    [InlineData("q2.{nurses}", "3")]
    [InlineData("q1.not-a-role", "3")]
    public async Task An_answer_that_is_not_an_option_is_refused_and_nothing_is_saved(string field, string value)
    {
        var (id, key, roles) = await OpenSurveyAsync("Bad answers");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        await respondent.AnswerAsync(1, Scores(roles, 1));
        var before = await DraftAnswersAsync(id);

        var name = field.Replace("{nurses}", roles["Nurses"].ToString("N"), StringComparison.Ordinal)
            .Replace("{other}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
        var refused = await respondent.Client.PostAsync($"/s/{key}/q/1", (name, value), ("go", "next"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("was not an option of this question", refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, await DraftAnswersAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.Client.GetAsync($"/s/{key}/q/8")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.Client.GetAsync($"/s/{key}/q/0")).Status);
    }

    private Task<(Guid Id, string Key, Dictionary<string, Guid> Roles)> OpenSurveyAsync(string title) => RespondentSurveys.OpenSurveyAsync(app, scenario, title);

    private Task<string> DraftAnswersAsync(Guid id) => RespondentSurveys.DraftAnswersAsync(app, id);
}
