using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;

using Xunit;

using static RelationalCoordination.Domain.Tests.Scoring.ReferenceDataTests;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>
/// Anonymous reporting on the reference data (wave 1 of the hospital, k = 5) agrees with the
/// independent R implementation to 1e-9: role and network figures from reportable ties, the
/// summary and psychometrics over the observations of reportable ties, and nothing at all — not
/// even n — where a tie or a role is below k.
/// </summary>
public sealed class AnonymousReferenceDataTests
{
    private const int K = 5;
    private const string Expected = "hospital/expected-anonymous-k5";

    private static ScoringResult Result() =>
        ScoringEngine.Score(Load("hospital/wave1.csv"), new ScoringOptions(K, anonymous: true));

    [Fact]
    public void Every_reportable_tie_agrees_and_every_suppressed_tie_publishes_nothing()
    {
        var result = Result();
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "ties.csv"), "from_role", "to_role").Withholding("n", K)
            .OverCompleteObservations(ExpectedTable.ReferencePath("hospital/wave1.csv"), K);

        var compared = table.AssertAgrees(
            result.Ties.ToDictionary(t => ExpectedTable.Key(t.FromRole, t.ToRole), t => (Func<string, double?>)(column => TieFigure(t, column))),
            "tie");

        Assert.True(compared > 0);
        Assert.Contains(result.Ties, t => t.Suppressed && t.N is null);
        Assert.All(result.Ties.Where(t => t.Suppressed), t => Assert.Equal((null, null, null), (t.N, t.Strength, t.RwgJ)));
    }

    [Fact]
    public void Every_role_figure_agrees_and_small_roles_publish_no_count()
    {
        var result = Result();
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "roles.csv"), "role").Withholding("respondents", K, "respondents");

        table.AssertAgrees(
            result.Roles.ToDictionary(r => ExpectedTable.Key(r.Role), r => (Func<string, double?>)(column => RoleFigure(r, column))),
            "role");
        Assert.Equal(3, result.Roles.Count(r => r.Respondents is null));   // Case managers 1, Nurse aides 1, Nurses 3
    }

    [Fact]
    public void Every_summary_figure_agrees_over_the_observations_of_reportable_ties()
    {
        var summary = Result().Summary;
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "summary.csv"), "metric")
            .WithPublishedRwgJ(ExpectedTable.ReferencePath("hospital/wave1.csv"), K);

        table.AssertAgrees(
            table.Rows.Keys.ToDictionary(metric => metric, metric => (Func<string, double?>)(_ => SummaryFigure(summary, metric))),
            "summary");
        Assert.Equal(14, table.Rows.Count);
    }

    [Fact]
    public void The_anonymous_summary_is_the_plain_summary_of_the_reportable_observations_alone()
    {
        // The same figure computed two ways: anonymously from all the data, and without anonymity
        // from a copy of the data holding only the observations of reportable ties.
        var responses = Load("hospital/wave1.csv");
        var anonymous = ScoringEngine.Score(responses, new ScoringOptions(K, anonymous: true));
        var reportable = anonymous.Ties.Where(t => !t.Suppressed).Select(t => (t.FromRole, t.ToRole)).ToHashSet();
        var kept = responses.Respondents
            .Select(r => r with { Observations = [.. r.Observations.Where(o => reportable.Contains((r.Role, o.TargetRole)))] })
            .Where(r => r.Observations.Length > 0);
        var plain = ScoringEngine.Score(ResponseSet.From(kept, responses.RoleNames), new ScoringOptions(K)).Summary;

        Assert.Equal(plain.Respondents, anonymous.Summary.Respondents);
        Assert.Equal(plain.Observations, anonymous.Summary.Observations);
        foreach (var (a, b) in new[]
                 {
                     (plain.RcIndex, anonymous.Summary.RcIndex), (plain.RcBetween, anonymous.Summary.RcBetween),
                     (plain.RcWithin, anonymous.Summary.RcWithin), (plain.CronbachAlpha, anonymous.Summary.CronbachAlpha),
                     (plain.Icc1, anonymous.Summary.Icc1), (plain.Icc2, anonymous.Summary.Icc2),
                 })
        {
            Assert.NotNull(a);
            Assert.Equal(a!.Value, b!.Value, ExpectedTable.Tolerance);
        }
    }

    private static readonly string[] SomeDimensions = ["frequent", "problem_solving", "mutual_respect"];

    [Fact]
    public void The_second_implementation_of_item_figures_reproduces_the_R_reference_where_nothing_is_withheld()
    {
        // tests/Shared/AnonymousItemFigures computes decision 25's figures for the tests. Its rwg(j)
        // over every reportable tie is R's rwg_j_mean (which predates decision 25), and its
        // dimension means equal R's on every tie whose observations are all complete.
        var wave = ExpectedTable.ReferencePath("hospital/wave1.csv");
        var observations = AnonymousItemFigures.Observations(wave);
        var reportable = observations.Values.Where(o => o.Count(x => x.Count(v => v is not null) >= 4) >= K).ToList();
        var rwg = reportable.Select(AnonymousItemFigures.RwgJ).OfType<double>().ToList();
        var r = ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "summary.csv"), "metric");
        Assert.Equal(ExpectedTable.Number(r.Rows["rwg_j_mean"]["value"])!.Value, rwg.Average(), ExpectedTable.Tolerance);

        // Wave 2's R output (not anonymous) has three ties of at least k raters who all answered in full.
        var wave2 = ExpectedTable.ReferencePath("hospital/wave2.csv");
        var ties = ExpectedTable.Load(ExpectedTable.ReferencePath("hospital/expected-wave2/ties.csv"), "from_role", "to_role");
        var ours = ExpectedTable.Load(ExpectedTable.ReferencePath("hospital/expected-wave2/ties.csv"), "from_role", "to_role").OverCompleteObservations(wave2, K);
        var complete = AnonymousItemFigures.Observations(wave2).Where(t => t.Value.Count >= K && t.Value.All(o => o.All(v => v is not null))).Select(t => t.Key).ToList();
        Assert.Equal(3, complete.Count);
        Assert.All(complete, key => Assert.All(SomeDimensions, column =>
            Assert.Equal(ExpectedTable.Number(ties.Rows[key][column])!.Value, ExpectedTable.Number(ours.Rows[key][column])!.Value, ExpectedTable.Tolerance)));
        // 16 of the 38 reportable ties have complete raters fewer than k, or other raters between 1 and k − 1.
        Assert.Equal(16, reportable.Count(o => !AnonymousItemFigures.Reportable(o, K)));
    }
}
