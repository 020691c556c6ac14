using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Respondents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicKey",
                table: "Surveys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InvitationCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Used = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvitationCodes_SurveyRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "SurveyRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InvitationCodes_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponseDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResumeCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitationCodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Answers = table.Column<string>(type: "jsonb", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Submitted = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResponseDrafts_InvitationCodes_InvitationCodeId",
                        column: x => x.InvitationCodeId,
                        principalTable: "InvitationCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResponseDrafts_SurveyRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "SurveyRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResponseDrafts_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_PublicKey",
                table: "Surveys",
                column: "PublicKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvitationCodes_Code",
                table: "InvitationCodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvitationCodes_RoleId",
                table: "InvitationCodes",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_InvitationCodes_SurveyId_RoleId",
                table: "InvitationCodes",
                columns: new[] { "SurveyId", "RoleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseDrafts_InvitationCodeId",
                table: "ResponseDrafts",
                column: "InvitationCodeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResponseDrafts_RoleId",
                table: "ResponseDrafts",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseDrafts_SurveyId_ResumeCodeHash",
                table: "ResponseDrafts",
                columns: new[] { "SurveyId", "ResumeCodeHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResponseDrafts");

            migrationBuilder.DropTable(
                name: "InvitationCodes");

            migrationBuilder.DropIndex(
                name: "IX_Surveys_PublicKey",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "PublicKey",
                table: "Surveys");
        }
    }
}
