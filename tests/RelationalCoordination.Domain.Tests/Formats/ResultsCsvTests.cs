using System.Globalization;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Formats;

public sealed class ResultsCsvTests
{
    [Fact]
    public void Ties_are_written_with_band_suppressed_flag_and_empty_undefined_values()
    {
        var result = ScoringEngine.Score(Data(("r1", "Nurses, night", "Physicians", "4,4,3,3,,,")));
        var writer = new StringWriter();

        ResultsCsv.WriteTies(writer, result.Ties, CsvTextFields.Verbatim);

        Assert.Equal(
            "from_role,to_role,n,tie_strength,sd,ci_low,ci_high,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect,band,suppressed\r\n" +
            "\"Nurses, night\",Physicians,1,3.5,,,,4,4,3,3,,,,moderate,true\r\n",
            writer.ToString());
    }

    [Fact]
    public void Numbers_are_written_with_round_trip_precision_in_invariant_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
            var writer = new StringWriter();
            new CsvWriter(writer, CsvTextFields.Verbatim).Field(1.0 / 3).Field(2.5).EndRow();

            var fields = writer.ToString().TrimEnd().Split(',');
            Assert.Equal(1.0 / 3, double.Parse(fields[0], CultureInfo.InvariantCulture));
            Assert.Equal("2.5", fields[1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_summary_lists_every_metric_once_in_the_documented_order()
    {
        var writer = new StringWriter();
        ResultsCsv.WriteSummary(writer, ScoringEngine.Score(Data(("r1", "A", "A", All(4)))).Summary, CsvTextFields.Verbatim);

        var metrics = CsvRecordReader.ReadAll(writer.ToString()).Skip(1).Select(r => r[0]);
        Assert.Equal(
            ["respondents", "roles", "observations", "rc_index", "rc_between", "rc_within", "cronbach_alpha", "icc1", "icc2",
             "rwg_j_mean", "rwg_j_median", "strong_tie_density", "weak_ties", "mean_reciprocity_gap"],
            metrics);
    }
}
