using System.Text;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The bureau imports a small file of joint R&amp;D institutions on the import tab: the preview's report, then the
/// import; the institution's member then finds the records on the collaboration page (issue 14).
/// </summary>
public abstract class CollaborationImportTests<TApp>(TApp app, string language, string previewed, string done)
    where TApp : BrowserApp
{
    [Fact]
    public async Task The_bureau_previews_and_imports_joint_institutions_and_the_institution_sees_them()
    {
        var name = $"联合研发中心{Guid.NewGuid():N}"[..18];
        var csv = "单位名称,机构名称,合作企业,成立日期,备注\r\n" + $"大连理工大学,{name},大连浏览器测试企业{name[6..]},2024-05-01,浏览器测试\r\n";
        var page = await app.SignInAsync("bureau@demo.techtransfer.local", language);
        await page.GotoAsync("/workspace/indicators?tab=import");
        var section = page.GetByTestId("collab-import");
        await Expect(section).ToBeVisibleAsync();
        await section.GetByTestId("collab-import-kind").SelectOptionAsync("joint-institutions");
        await section.GetByTestId("collab-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "joint-institutions.csv", MimeType = "text/csv", Buffer = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(),
        });
        await section.GetByTestId("collab-import-preview").ClickAsync();
        await Expect(section.GetByTestId("collab-import-previewed")).ToContainTextAsync(previewed);
        await Expect(section.GetByTestId("collab-import-warnings")).ToContainTextAsync("备注");
        await Screenshots.SaveAsync(page, language, "collaboration-import-preview");
        await section.GetByTestId("collab-import-commit").ClickAsync();
        await Expect(section.GetByTestId("collab-import-done")).ToContainTextAsync(done);
        await page.CloseAsync();

        var researcher = await app.SignInAsync("researcher@demo.techtransfer.local", language);
        await researcher.GotoAsync("/workspace/collaboration");
        await Expect(researcher.GetByTestId("collab-joint")).ToContainTextAsync(name);
        await researcher.CloseAsync();
    }
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseCollaborationImportTests(PostgresBrowserApp app)
    : CollaborationImportTests<PostgresBrowserApp>(app, "zh-CN", "读取 1 行：新增 1", "已导入：新增 1");

[Collection(EnglishBrowser.Name)]
public sealed class EnglishCollaborationImportTests(SqliteBrowserApp app)
    : CollaborationImportTests<SqliteBrowserApp>(app, "en", "Rows read: 1. New: 1", "Imported. New: 1");
