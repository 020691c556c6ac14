using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using System.Text;

using Microsoft.AspNetCore.Http.HttpResults;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// <c>/api/v1/surveys/{id}/results</c> and <c>/compare</c>: the anonymous results of a closed
/// survey as JSON (or CSV for <c>Accept: text/csv</c>), its files, and changes from an earlier wave
/// of its series.
/// </summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var results = api.MapGroup("/surveys/{id:guid}").WithTags("Results");
        results.MapGet("/results/ties", (Guid id, HttpContext http, AppDbContext db, SurveyResults scores) =>
                PartAsync(id, http, db, scores, r => r.Ties, (w, r) => ResultsCsv.WriteTies(w, r.Ties, CsvTextFields.NeutraliseFormulas), "ties.csv"))
            .WithName("ResultTies").WithSummary("Ties (anonymous): JSON, or CSV for Accept: text/csv").Produces<string>(StatusCodes.Status200OK, "text/csv");
        results.MapGet("/results/roles", (Guid id, HttpContext http, AppDbContext db, SurveyResults scores) =>
                PartAsync(id, http, db, scores, r => r.Roles, (w, r) => ResultsCsv.WriteRoles(w, r.Roles, CsvTextFields.NeutraliseFormulas), "roles.csv"))
            .WithName("ResultRoles").WithSummary("Roles (anonymous): JSON, or CSV for Accept: text/csv").Produces<string>(StatusCodes.Status200OK, "text/csv");
        results.MapGet("/results/summary", (Guid id, HttpContext http, AppDbContext db, SurveyResults scores) =>
                PartAsync(id, http, db, scores, r => r.Summary, (w, r) => ResultsCsv.WriteSummary(w, r.Summary, CsvTextFields.NeutraliseFormulas), "summary.csv"))
            .WithName("ResultSummary").WithSummary("Summary (anonymous): JSON, or CSV for Accept: text/csv").Produces<string>(StatusCodes.Status200OK, "text/csv");
        results.MapGet("/results/export/{file}", ExportAsync).WithName("ExportResults")
            .WithSummary("The results as a file: results.zip (the CSV files), results.xlsx (a workbook) or network.graphml")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/graphml+xml");
        results.MapGet("/compare/{earlierId:guid}", CompareAsync).WithName("CompareWaves")
            .WithSummary("Changes from an earlier wave: JSON, or CSV for Accept: text/csv").Produces<string>(StatusCodes.Status200OK, "text/csv");
        return api;
    }

    private static async Task<Results<Ok<T>, FileContentHttpResult, ProblemHttpResult>> PartAsync<T>(Guid id, HttpContext http, AppDbContext db, SurveyResults results,
        Func<ScoringResult, T> json, Action<TextWriter, ScoringResult> csv, string fileName)
    {
        if (await db.FindAsync(ApiOutcomes.Organisation(http.User), id) is not { } survey)
        {
            return ApiOutcomes.Problem(OutcomeKind.NotFound, Refusal.NoSuchSurvey);
        }

        if (await results.ForAsync(survey) is not { } result)
        {
            return ApiOutcomes.Problem(OutcomeKind.Conflict, SurveyResults.NotYet);
        }

        return WantsCsv(http) ? Csv(w => csv(w, result), fileName) : TypedResults.Ok(json(result));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Guid id, string file, ClaimsPrincipal user, ExportResults export, bool bom = true)
    {
        var outcome = await export.RunAsync(ApiOutcomes.Organisation(user), id, file, bom);
        return outcome.Value is { } done ? TypedResults.File(done.Content, done.ContentType, done.FileName) : ApiOutcomes.Problem(outcome);
    }

    private static async Task<Results<Ok<ImmutableArray<TieChange>>, FileContentHttpResult, ProblemHttpResult>> CompareAsync(
        Guid id, Guid earlierId, HttpContext http, AppDbContext db, SurveyResults results, SurveySeries series)
    {
        var org = ApiOutcomes.Organisation(http.User);
        if (await db.FindAsync(org, id) is not { } later || await db.FindAsync(org, earlierId) is not { } earlier || id == earlierId)
        {
            return ApiOutcomes.Problem(OutcomeKind.NotFound, Refusal.NoSuchSurvey);
        }

        if (await series.NotAnEarlierWaveAsync(earlier, later) is { } unrelated)
        {
            return ApiOutcomes.Problem(OutcomeKind.Conflict, unrelated.ToString());
        }

        if (SurveyResults.RawAnswersGone(earlier, later) is { } gone)
        {
            return ApiOutcomes.Problem(OutcomeKind.Conflict, gone.ToString());
        }

        if (await results.CompareAsync(earlier, later) is not { } changes)
        {
            return ApiOutcomes.Problem(OutcomeKind.Conflict, $"Both waves must be closed to be compared. {SurveyResults.NotYet}");
        }

        return WantsCsv(http) ? Csv(w => ResultsCsv.WriteCompare(w, changes, CsvTextFields.NeutraliseFormulas), "compare.csv") : TypedResults.Ok(changes);
    }

    private static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static FileContentHttpResult Csv(Action<TextWriter> write, string fileName)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        write(text);
        return TypedResults.File(new UTF8Encoding(false).GetBytes(text.ToString()), "text/csv; charset=utf-8", fileName);
    }
}
