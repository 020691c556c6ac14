using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>Each role's RC given, received and within, and roles without figures.</summary>
public sealed class RoleFigureTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Role_scores_average_the_ties_given_and_received()
    {
        // A→A 5, A→B 2, A→C 4; B→A 3, B→B 4; C rated, never answers.
        var result = ScoringEngine.Score(Data(
            ("a1", "A", "A", All(5)),
            ("a1", "A", "B", All(2)),
            ("a1", "A", "C", All(4)),
            ("b1", "B", "A", All(3)),
            ("b1", "B", "B", All(4))));

        var a = result.Roles.Single(r => r.Role == "A");
        Assert.Equal(1, a.Respondents);
        Assert.Equal(3.0, a.RcGiven);       // (2 + 4) / 2, the within-role tie excluded
        Assert.Equal(3.0, a.RcReceived);    // B→A
        Assert.Equal(5.0, a.RcWithin);

        var c = result.Roles.Single(r => r.Role == "C");
        Assert.Equal(0, c.Respondents);
        Assert.Null(c.RcGiven);
        Assert.Equal(4.0, c.RcReceived);
        Assert.Null(c.RcWithin);
    }

    [Fact]
    public void A_role_that_answers_but_is_never_rated_has_no_received_score()
    {
        var result = ScoringEngine.Score(Data(
            ("p1", "Patients", "Nurses", All(4)),
            ("n1", "Nurses", "Nurses", All(5))));

        var patients = result.Roles.Single(r => r.Role == "Patients");
        Assert.Equal(1, patients.Respondents);
        Assert.Equal(4.0, patients.RcGiven);
        Assert.Null(patients.RcReceived);
        Assert.Null(patients.RcWithin);
    }

    [Fact]
    public void A_declared_role_nobody_answers_for_or_about_is_still_a_role_without_figures()
    {
        var result = ScoringEngine.Score(Data(
            ["Porters"],
            ("a1", "A", "B", All(4)),
            ("b1", "B", "A", All(4))));

        var porters = result.Roles.Single(r => r.Role == "Porters");
        Assert.Equal(0, porters.Respondents);
        Assert.Null(porters.RcGiven);
        Assert.Null(porters.RcReceived);
        Assert.Null(porters.RcWithin);
        Assert.Equal(0.0, porters.Betweenness);
        Assert.Equal(0.0, porters.Eigenvector!.Value, Tolerance);
        Assert.Equal(3, result.Summary.Roles);
    }
}
