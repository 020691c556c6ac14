using Microsoft.Extensions.Options;
using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public sealed class RespondentsOptionsTests
{
    [Theory]
    [InlineData("Respondents:SweepSeconds", "0")]
    [InlineData("Respondents:BatchSize", "0")]
    public void A_respondents_setting_below_one_stops_the_app_at_start_naming_the_setting(string setting, string value)
    {
        using var app = new AppFactory();
        app.Settings[setting] = value;

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var invalid = Chain(error).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(invalid is not null, $"Expected an options validation error, got: {error}");
        Assert.Contains(setting, invalid.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }
}
