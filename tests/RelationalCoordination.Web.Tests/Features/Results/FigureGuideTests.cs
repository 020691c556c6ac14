using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Features.Results;

using Xunit;

namespace RelationalCoordination.Web.Tests.Features.Results;

public sealed class FigureGuideTests
{
    [Fact]
    public void The_user_guide_explains_every_summary_figure_in_the_words_of_the_overview_and_the_workbook()
    {
        var guide = File.ReadAllText(Path.Combine(ColourScaleTests.RepositoryRoot(), "docs", "user-guide.md"));

        Assert.All(FigureGuide.Summary, f => Assert.Contains($"| {f.Label} | {f.Meaning} | `{f.Key}` |", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_figure_of_summary_csv_has_a_name_and_a_meaning_and_the_same_value()
    {
        var csv = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv"));
        var summary = ScoringEngine.Score(ResponsesCsv.Parse(csv), new ScoringOptions(5, anonymous: true)).Summary;
        var written = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ResultsCsv.WriteSummary(written, summary, CsvTextFields.Verbatim);
        var rows = CsvRecordReader.ReadAll(written.ToString()).Skip(1).ToList();

        Assert.Equal(rows.Select(r => r[0]), FigureGuide.Summary.Select(f => f.Key));
        Assert.All(rows.Zip(FigureGuide.Summary), pair => Assert.Equal(
            pair.First[1] == "" ? null : double.Parse(pair.First[1], System.Globalization.CultureInfo.InvariantCulture), pair.Second.Value(summary)));
    }
}
