using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public sealed class ModelTests
{
    [Fact]
    public void Every_change_to_the_model_has_its_migration()
    {
        // Comparing the model with the last migration's snapshot needs no database.
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the migrations: add one with dotnet ef migrations add.");
    }

    [Fact]
    public void The_answer_columns_are_the_dimensions_in_survey_order_with_check_constraints_named_after_the_table()
    {
        Assert.Equal(Dimensions.All.Select(d => d.ToString()), AnswerColumns.Names);

        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=unused").Options);
        // Check constraints are kept in the design-time model only.
        var answer = db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(Answer))!;
        Assert.Equal(AnswerColumns.Table, answer.GetTableName());
        Assert.Equal(AnswerColumns.Names.Select(c => $"CK_Answer_{c}").Order(StringComparer.Ordinal), answer.GetCheckConstraints().Select(c => c.Name!).Order(StringComparer.Ordinal));
    }
}
