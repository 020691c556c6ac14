using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditRetentionAndDeletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RawAnswersDeletedOn",
                table: "Surveys",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetentionMonths",
                table: "Organisations",
                type: "integer",
                nullable: true);

            // Stored retries cannot be given their survey afterwards; forgetting them only means that a
            // retry of a request made before this migration is stored again.
            migrationBuilder.Sql("DELETE FROM \"IdempotentRequests\";");

            migrationBuilder.AddColumn<Guid>(
                name: "SurveyId",
                table: "IdempotentRequests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntries_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseDrafts_Waiting",
                table: "ResponseDrafts",
                column: "SurveyId",
                filter: "\"Submitted\" AND \"Answers\" <> '{}'::jsonb");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_SurveyId",
                table: "IdempotentRequests",
                column: "SurveyId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrganisationId_At",
                table: "AuditEntries",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_IdempotentRequests_Surveys_SurveyId",
                table: "IdempotentRequests",
                column: "SurveyId",
                principalTable: "Surveys",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_IdempotentRequests_Surveys_SurveyId",
                table: "IdempotentRequests");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_ResponseDrafts_Waiting",
                table: "ResponseDrafts");

            migrationBuilder.DropIndex(
                name: "IX_IdempotentRequests_SurveyId",
                table: "IdempotentRequests");

            migrationBuilder.DropColumn(
                name: "RawAnswersDeletedOn",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "RetentionMonths",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "SurveyId",
                table: "IdempotentRequests");
        }
    }
}
