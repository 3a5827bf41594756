using Lake.Extract.Scrubbing;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Scrubbing;

public sealed class TextScrubberTests
{
    private static readonly string AnnaCode = Hetu.Create(new DateOnly(1960, 4, 2), 202).Value;

    private RedactionCounts _counts = null!;

    [SetUp]
    public void NewCounts() => _counts = new RedactionCounts();

    [Test]
    public void Scrub_IdentityCodeInText_IsMarkedAndCounted()
    {
        var scrubbed = Scrub($"Hetu {AnnaCode}. Kontrollikäynti, vointi hyvä.");

        Assert.That(scrubbed, Is.EqualTo("Hetu [HETU]. Kontrollikäynti, vointi hyvä."));
        Assert.That(_counts[RedactionKind.IdentityCode], Is.EqualTo(1));
    }

    [Test]
    public void Scrub_CodeIngestAlreadyMasked_BecomesTheSameMarkAndIsCounted()
    {
        var scrubbed = Scrub($"ID {HetuText.Replacement}. Feels well.");

        Assert.That(scrubbed, Is.EqualTo("ID [HETU]. Feels well."));
        Assert.That(_counts[RedactionKind.IdentityCode], Is.EqualTo(1));
    }

    [TestCase("Omainen tavoitettavissa p. +358 40 123 4567.", "Omainen tavoitettavissa p. [PHONE].")]
    [TestCase("Soittopyyntö numeroon +358 50 1234567.", "Soittopyyntö numeroon [PHONE].")]
    [TestCase("Soittopyyntö numeroon 040-1234567.", "Soittopyyntö numeroon [PHONE].")]
    [TestCase("Call back to 044 123 4567.", "Call back to [PHONE].")]
    [TestCase("Vaihde 09 4711, osasto 09 471 72345.", "Vaihde [PHONE], osasto [PHONE].")]
    [TestCase("Tavoitettavissa (09) 471 1234 arkisin.", "Tavoitettavissa [PHONE] arkisin.")]
    [TestCase("Numero 0501234567 toimii.", "Numero [PHONE] toimii.")]
    [TestCase("Puh. +358 (0)40 123 4567, iltaisin 0400 123456.", "Puh. [PHONE], iltaisin [PHONE].")]
    public void Scrub_FinnishPhoneNumbers_AreMarked(string text, string expected)
    {
        Assert.That(Scrub(text), Is.EqualTo(expected));
        Assert.That(_counts[RedactionKind.Phone], Is.EqualTo(expected.Split("[PHONE]").Length - 1));
    }

    [TestCase("Tulokset sähköpostiin matti.virtanen@gmail.com.", "Tulokset sähköpostiin [EMAIL].")]
    [TestCase("Results by e-mail to p-l.mäkelä@kolumbus.fi please", "Results by e-mail to [EMAIL] please")]
    public void Scrub_EmailAddress_IsMarkedWholeNamesIncluded(string text, string expected)
    {
        Assert.That(Scrub(text), Is.EqualTo(expected));
        Assert.That(_counts[RedactionKind.Email], Is.EqualTo(1));
        Assert.That(_counts[RedactionKind.Name], Is.Zero, "the name inside the address is part of the address");
    }

    [TestCase("Kotiosoite Mannerheimintie 12 B 5, 00250 Helsinki.", "Kotiosoite [ADDRESS].")]
    [TestCase("Asuu Hämeenkatu 3, 05800 Hyvinkää, yksin.", "Asuu [ADDRESS], yksin.")]
    [TestCase("Osoite Koivukuja 7 A.", "Osoite [ADDRESS].")]
    [TestCase("Muutti Rantapolku 14 as 2 -> Kirkkorinne 3", "Muutti [ADDRESS] as 2 -> [ADDRESS]")]
    [TestCase("Home address Leppävaarankatu 41 C 12, 02600 Espoo.", "Home address [ADDRESS].")]
    [TestCase("Tapaaminen Kauppatori 1, kahvila", "Tapaaminen [ADDRESS], kahvila")]
    [TestCase("Ajo Länsiväylä 20 kohdalla", "Ajo [ADDRESS] kohdalla")]
    public void Scrub_StreetAddress_IsMarked(string text, string expected)
    {
        Assert.That(Scrub(text), Is.EqualTo(expected));
        Assert.That(_counts[RedactionKind.Address], Is.EqualTo(expected.Split("[ADDRESS]").Length - 1));
    }

    [TestCase("Omaisena puoliso Matti Virtanen.", "Omaisena puoliso [NAME].", 1)]
    [TestCase("Mukana tytär Jussi Möttönen.", "Mukana tytär [NAME].", 1)] // A listed first name takes the unlisted surname after it.
    [TestCase("Lääk. Xenia Korhonen", "Lääk. [NAME]", 1)] // A listed surname takes the unlisted first name before it.
    [TestCase("Daughter Anna-Liisa Heikkinen present.", "Daughter [NAME] present.", 1)]
    [TestCase("Potilas kertoo, että Virtanen soitti. Leena ei.", "Potilas kertoo, että [NAME] soitti. [NAME] ei.", 2)]
    public void Scrub_NamesFromTheList_AreMarkedWithTheirOtherHalf(string text, string expected, int names)
    {
        Assert.That(Scrub(text), Is.EqualTo(expected));
        Assert.That(_counts[RedactionKind.Name], Is.EqualTo(names));
    }

    [Test]
    public void Scrub_ListedNameInLowerCaseOrInsideAWord_IsKept()
    {
        // Matching is on whole capitalised words: "laine" (a wave) and "Ainoastaan" are not names.
        const string Text = "Pulssi laine tasainen. Ainoastaan lievä turvotus. Annettu ohjeet.";

        Assert.That(Scrub(Text), Is.EqualTo(Text));
    }

    [TestCase("Kontrolli 12.03.2024 klo 10:30, seuraava 2024-09-01.")]
    [TestCase("RR 142/88, syke 72. Hb 134 g/l, P-Gluk 7,2 mmol/l, Krea 085 µmol/l.")]
    [TestCase("Dg E11.9, I10 ja Z03.8. Lähete 2019-0456.")]
    [TestCase("Kipu VAS 5, annettu 0,5 mg. Kotiutus 3 vrk kuluttua, kontrolli 6 kk.")]
    [TestCase("Follow-up in 12 months. BP 128/76, HR 64. INR 2.4 on 05.02.2024 at 08:15.")]
    [TestCase("Lääkitys: metformiini 500 mg x 2, ramipriili 5 mg x 1. Paino 82,4 kg, pituus 178 cm.")]
    [TestCase("Synnytys 14.6.2019 klo 03:42, Apgar 9/9, paino 3456 g.")]
    public void Scrub_DatesTimesLabValuesAndCodes_Survive(string text)
    {
        Assert.That(Scrub(text), Is.EqualTo(text));
        Assert.That(_counts.Total, Is.Zero);
    }

    [Test]
    public void Scrub_TextWithEveryKind_MarksEachAndCountsByKind()
    {
        var text = $"Ensikäynti. Hetu {AnnaCode}. Omainen Maria Nieminen tavoitettavissa p. 050-7654321. " +
            "Tulokset sähköpostiin maria.nieminen@luukku.com. Kotiosoite Tikkurilantie 44 A 3, 01300 Vantaa. Dg E11.9.";

        var scrubbed = Scrub(text);

        Assert.That(scrubbed, Is.EqualTo("Ensikäynti. Hetu [HETU]. Omainen [NAME] tavoitettavissa p. [PHONE]. " +
            "Tulokset sähköpostiin [EMAIL]. Kotiosoite [ADDRESS]. Dg E11.9."));
        Assert.That(_counts.ToDictionary(), Is.EqualTo(new Dictionary<string, long>
        {
            ["identity_codes"] = 1, ["phone_numbers"] = 1, ["email_addresses"] = 1, ["street_addresses"] = 1, ["names"] = 1,
        }));
    }

    [Test]
    public void Finnish_NameList_IsLoadedFromTheAssembly()
    {
        Assert.That(NameList.Finnish.IsFirstName("Väinö"), Is.True);
        Assert.That(NameList.Finnish.IsSurname("Hämäläinen"), Is.True);
        Assert.That(NameList.Finnish.IsSurname("Kontrolli"), Is.False);
    }

    private string Scrub(string text) => TextScrubber.Finnish.Scrub(text, _counts);
}
