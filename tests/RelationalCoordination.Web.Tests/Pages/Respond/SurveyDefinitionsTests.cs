using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

[CollectionDefinition(nameof(KeepsSurveys), DisableParallelization = true)]
public sealed class KeepsSurveys;

/// <summary>
/// The surveys the respondent pages keep in memory. Alone: a survey saved by a test running
/// alongside would make everything kept stale, as it should.
/// </summary>
[Collection(nameof(KeepsSurveys))]
public sealed class SurveyDefinitionsTests
{
    [Fact]
    public async Task A_survey_is_read_once_then_kept_until_a_change_is_saved()
    {
        using var definitions = new SurveyDefinitions();
        var reads = 0;
        Task<Survey?> Load(string key)
        {
            reads++;
            return Task.FromResult<Survey?>(new Survey { Title = $"read {reads}", WorkProcess = key });
        }

        var first = await definitions.GetAsync("abcd2345", Load);
        Assert.Same(first, await definitions.GetAsync("abcd2345", Load));
        Assert.Equal(1, reads);

        definitions.Changed();
        Assert.Equal("read 2", (await definitions.GetAsync("abcd2345", Load))!.Title);

        definitions.Forget("abcd2345");
        Assert.Equal("read 3", (await definitions.GetAsync("abcd2345", Load))!.Title);
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task An_unknown_key_is_not_kept()
    {
        using var definitions = new SurveyDefinitions();
        var reads = 0;
        Task<Survey?> Load(string key)
        {
            reads++;
            return Task.FromResult<Survey?>(null);
        }

        Assert.Null(await definitions.GetAsync("zzzzzzzz", Load));
        Assert.Null(await definitions.GetAsync("zzzzzzzz", Load));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_change_saved_while_a_survey_is_read_leaves_that_copy_stale()
    {
        using var definitions = new SurveyDefinitions();
        var reads = 0;
        Task<Survey?> Load(string key)
        {
            reads++;
            if (reads == 1)
            {
                // Saved after the read began: what it read may be from before the change.
                definitions.Changed();
            }

            return Task.FromResult<Survey?>(new Survey { Title = $"read {reads}", WorkProcess = key });
        }

        await definitions.GetAsync("efgh6789", Load);
        Assert.Equal("read 2", (await definitions.GetAsync("efgh6789", Load))!.Title);
    }
}
