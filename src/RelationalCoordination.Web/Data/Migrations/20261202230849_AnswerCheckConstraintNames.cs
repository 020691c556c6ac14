using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <summary>
    /// The answer table's check constraints named after the table ("Answer", not "Answers"). Renamed
    /// in place rather than dropped and added as EF Core would: adding a check constraint scans
    /// every stored answer under an exclusive lock, a rename touches only the catalogue.
    /// </summary>
    public partial class AnswerCheckConstraintNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_Accurate" TO "CK_Answer_Accurate";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_Frequent" TO "CK_Answer_Frequent";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_MutualRespect" TO "CK_Answer_MutualRespect";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_ProblemSolving" TO "CK_Answer_ProblemSolving";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_SharedGoals" TO "CK_Answer_SharedGoals";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_SharedKnowledge" TO "CK_Answer_SharedKnowledge";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answers_Timely" TO "CK_Answer_Timely";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_Accurate" TO "CK_Answers_Accurate";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_Frequent" TO "CK_Answers_Frequent";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_MutualRespect" TO "CK_Answers_MutualRespect";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_ProblemSolving" TO "CK_Answers_ProblemSolving";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_SharedGoals" TO "CK_Answers_SharedGoals";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_SharedKnowledge" TO "CK_Answers_SharedKnowledge";""");
            migrationBuilder.Sql("""ALTER TABLE "Answer" RENAME CONSTRAINT "CK_Answer_Timely" TO "CK_Answers_Timely";""");
        }
    }
}
