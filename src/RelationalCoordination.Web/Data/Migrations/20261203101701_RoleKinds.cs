using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoleKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "SurveyRoles",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Every role there is was a staff role; the check below must hold for them too.
                defaultValue: "Staff");

            migrationBuilder.AddCheckConstraint(
                name: "CK_SurveyRoles_Kind",
                table: "SurveyRoles",
                sql: "\"Kind\" IN ('Staff', 'Client', 'Leader')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_SurveyRoles_Kind",
                table: "SurveyRoles");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "SurveyRoles");
        }
    }
}
