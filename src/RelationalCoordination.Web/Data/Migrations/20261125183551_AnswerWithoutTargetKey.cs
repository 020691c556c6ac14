using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnswerWithoutTargetKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Answer_SurveyRoles_TargetRoleId",
                table: "Answer");

            migrationBuilder.DropIndex(
                name: "IX_Answer_TargetRoleId",
                table: "Answer");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Answer_TargetRoleId",
                table: "Answer",
                column: "TargetRoleId");

            migrationBuilder.AddForeignKey(
                name: "FK_Answer_SurveyRoles_TargetRoleId",
                table: "Answer",
                column: "TargetRoleId",
                principalTable: "SurveyRoles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
