using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaitingDraftsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ResponseDrafts_Waiting",
                table: "ResponseDrafts",
                column: "SurveyId",
                filter: "\"Submitted\" AND \"Answers\" <> '{}'::jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResponseDrafts_Waiting",
                table: "ResponseDrafts");
        }
    }
}
