using System.Security.Cryptography;
using System.Text;
using ObjectStack.Plugins.Auth.TwoFactor;

namespace ObjectStack.Plugins.Auth.Tests.TwoFactor;

/// <summary>RFC 6238 TOTP: the Appendix B vectors for every hash, the RFC 4226 HOTP vectors, the window, replay
/// refusal and malformed codes.</summary>
[TestFixture]
public sealed class TotpTests
{
    // RFC 6238 Appendix B: each hash has its own seed, the ASCII digits repeated to the hash's output length.
    private const string Sha1Seed = "12345678901234567890";
    private const string Sha256Seed = "12345678901234567890123456789012";
    private const string Sha512Seed = "1234567890123456789012345678901234567890123456789012345678901234";

    private static readonly byte[] Secret = Encoding.ASCII.GetBytes(Sha1Seed);

    // A time in the middle of step 50 000 000 (period 30 s), so that ±15 s stays in the same step.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(50_000_000L * 30 + 15);

    [TestCase("SHA1", Sha1Seed, 59L, "94287082")]
    [TestCase("SHA256", Sha256Seed, 59L, "46119246")]
    [TestCase("SHA512", Sha512Seed, 59L, "90693936")]
    [TestCase("SHA1", Sha1Seed, 1111111109L, "07081804")]
    [TestCase("SHA256", Sha256Seed, 1111111109L, "68084774")]
    [TestCase("SHA512", Sha512Seed, 1111111109L, "25091201")]
    [TestCase("SHA1", Sha1Seed, 1111111111L, "14050471")]
    [TestCase("SHA256", Sha256Seed, 1111111111L, "67062674")]
    [TestCase("SHA512", Sha512Seed, 1111111111L, "99943326")]
    [TestCase("SHA1", Sha1Seed, 1234567890L, "89005924")]
    [TestCase("SHA256", Sha256Seed, 1234567890L, "91819424")]
    [TestCase("SHA512", Sha512Seed, 1234567890L, "93441116")]
    [TestCase("SHA1", Sha1Seed, 2000000000L, "69279037")]
    [TestCase("SHA256", Sha256Seed, 2000000000L, "90698825")]
    [TestCase("SHA512", Sha512Seed, 2000000000L, "38618901")]
    [TestCase("SHA1", Sha1Seed, 20000000000L, "65353130")]
    [TestCase("SHA256", Sha256Seed, 20000000000L, "77737706")]
    [TestCase("SHA512", Sha512Seed, 20000000000L, "47863826")]
    public void Generate_Rfc6238Vector_IsTheExpectedCode(string algorithm, string seed, long unixSeconds, string expected)
    {
        var totp = new Totp(new HashAlgorithmName(algorithm), digits: 8);
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var secret = Encoding.ASCII.GetBytes(seed);

        Assert.Multiple(() =>
        {
            Assert.That(totp.Generate(secret, time), Is.EqualTo(expected));
            Assert.That(totp.Verify(secret, expected, time, window: 0), Is.EqualTo(unixSeconds / 30));
        });
    }

    // RFC 4226 Appendix D: HOTP values for counters 0–9, reached here as the TOTP steps at counter × 30 s.
    [TestCase(0, "755224")]
    [TestCase(1, "287082")]
    [TestCase(2, "359152")]
    [TestCase(3, "969429")]
    [TestCase(4, "338314")]
    [TestCase(5, "254676")]
    [TestCase(6, "287922")]
    [TestCase(7, "162583")]
    [TestCase(8, "399871")]
    [TestCase(9, "520489")]
    public void Generate_Rfc4226CounterWithSixDigits_IsTheExpectedCode(long counter, string expected)
    {
        var totp = new Totp();

        Assert.That(totp.Generate(Secret, DateTimeOffset.FromUnixTimeSeconds(counter * 30)), Is.EqualTo(expected));
    }

    [Test]
    public void Constructor_Default_IsSha1SixDigitsThirtySeconds()
    {
        var totp = new Totp();

        Assert.Multiple(() =>
        {
            Assert.That(totp.Algorithm, Is.EqualTo(HashAlgorithmName.SHA1));
            Assert.That(totp.Digits, Is.EqualTo(6));
            Assert.That(totp.PeriodSeconds, Is.EqualTo(30));
        });
    }

    [TestCase("MD5")]
    [TestCase("SHA384")]
    [TestCase("sha1")]
    public void Constructor_UnsupportedAlgorithm_ThrowsArgumentException(string algorithm)
    {
        Assert.That(() => new Totp(new HashAlgorithmName(algorithm)), Throws.ArgumentException);
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(7)]
    [TestCase(9)]
    public void Constructor_DigitsOtherThanSixOrEight_ThrowsArgumentOutOfRange(int digits)
    {
        Assert.That(() => new Totp(HashAlgorithmName.SHA1, digits), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0)]
    [TestCase(-30)]
    public void Constructor_PeriodNotPositive_ThrowsArgumentOutOfRange(int period)
    {
        Assert.That(() => new Totp(HashAlgorithmName.SHA1, 6, period), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Generate_SixtySecondPeriod_UsesTheLongerStep()
    {
        var totp = new Totp(HashAlgorithmName.SHA1, 6, 60);

        // Step 1 of a 60 s period is 60–119 s: the RFC 4226 counter-1 value.
        Assert.Multiple(() =>
        {
            Assert.That(totp.Generate(Secret, DateTimeOffset.FromUnixTimeSeconds(60)), Is.EqualTo("287082"));
            Assert.That(totp.Generate(Secret, DateTimeOffset.FromUnixTimeSeconds(119)), Is.EqualTo("287082"));
            Assert.That(totp.GetStep(DateTimeOffset.FromUnixTimeSeconds(119)), Is.EqualTo(1));
        });
    }

    [Test]
    public void Generate_TimeBeforeEpoch_ThrowsArgumentOutOfRange()
    {
        Assert.That(() => new Totp().Generate(Secret, DateTimeOffset.FromUnixTimeSeconds(-1)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Generate_EmptyOrNullSecret_Throws()
    {
        var totp = new Totp();

        Assert.Multiple(() =>
        {
            Assert.That(() => totp.Generate([], Now), Throws.ArgumentException);
            Assert.That(() => totp.Generate(null!, Now), Throws.ArgumentNullException);
            Assert.That(() => totp.Verify([], "123456", Now), Throws.ArgumentException);
        });
    }

    [Test]
    public void Verify_CurrentCode_ReturnsCurrentStep()
    {
        var totp = new Totp();
        var step = totp.GetStep(Now);

        Assert.That(totp.Verify(Secret, totp.Generate(Secret, Now), Now), Is.EqualTo(step));
    }

    [Test]
    public void Verify_PreviousAndNextStepWithDefaultWindow_AreAccepted()
    {
        var totp = new Totp();
        var step = totp.GetStep(Now);
        var previous = totp.Generate(Secret, Now.AddSeconds(-30));
        var next = totp.Generate(Secret, Now.AddSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(totp.Verify(Secret, previous, Now), Is.EqualTo(step - 1));
            Assert.That(totp.Verify(Secret, next, Now), Is.EqualTo(step + 1));
        });
    }

    [Test]
    public void Verify_TwoStepsAwayWithDefaultWindow_IsRefused()
    {
        var totp = new Totp();
        var twoBefore = totp.Generate(Secret, Now.AddSeconds(-60));
        var twoAfter = totp.Generate(Secret, Now.AddSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(totp.Verify(Secret, twoBefore, Now), Is.Null);
            Assert.That(totp.Verify(Secret, twoAfter, Now), Is.Null);
        });
    }

    [Test]
    public void Verify_WindowOfTwo_AcceptsTwoStepsAwayButNotThree()
    {
        var totp = new Totp();
        var step = totp.GetStep(Now);

        Assert.Multiple(() =>
        {
            Assert.That(totp.Verify(Secret, totp.Generate(Secret, Now.AddSeconds(-60)), Now, window: 2), Is.EqualTo(step - 2));
            Assert.That(totp.Verify(Secret, totp.Generate(Secret, Now.AddSeconds(60)), Now, window: 2), Is.EqualTo(step + 2));
            Assert.That(totp.Verify(Secret, totp.Generate(Secret, Now.AddSeconds(90)), Now, window: 2), Is.Null);
        });
    }

    [Test]
    public void Verify_WindowZero_RefusesAdjacentSteps()
    {
        var totp = new Totp();

        Assert.Multiple(() =>
        {
            Assert.That(totp.Verify(Secret, totp.Generate(Secret, Now.AddSeconds(-30)), Now, window: 0), Is.Null);
            Assert.That(totp.Verify(Secret, totp.Generate(Secret, Now.AddSeconds(30)), Now, window: 0), Is.Null);
        });
    }

    [Test]
    public void Verify_NegativeWindow_ThrowsArgumentOutOfRange()
    {
        Assert.That(() => new Totp().Verify(Secret, "123456", Now, window: -1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Verify_StepAlreadyUsed_IsRefused()
    {
        var totp = new Totp();
        var code = totp.Generate(Secret, Now);

        var first = totp.Verify(Secret, code, Now);
        var replay = totp.Verify(Secret, code, Now, lastUsedStep: first);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(replay, Is.Null);
        });
    }

    [Test]
    public void Verify_StepBeforeLastUsed_IsRefused()
    {
        var totp = new Totp();
        var step = totp.GetStep(Now);
        var previous = totp.Generate(Secret, Now.AddSeconds(-30));

        Assert.Multiple(() =>
        {
            // Once the current step was accepted, an older code still inside the window must not work either.
            Assert.That(totp.Verify(Secret, previous, Now, lastUsedStep: step), Is.Null);
            Assert.That(totp.Verify(Secret, previous, Now, lastUsedStep: step - 1), Is.Null);
            Assert.That(totp.Verify(Secret, previous, Now, lastUsedStep: step - 2), Is.EqualTo(step - 1));
        });
    }

    [Test]
    public void Verify_NextStepAfterCurrentWasUsed_IsAccepted()
    {
        var totp = new Totp();
        var step = totp.GetStep(Now);
        var next = totp.Generate(Secret, Now.AddSeconds(30));

        Assert.That(totp.Verify(Secret, next, Now, lastUsedStep: step), Is.EqualTo(step + 1));
    }

    [Test]
    public void Verify_CodeOfAnotherSecret_IsRefused()
    {
        var totp = new Totp();
        var other = Encoding.ASCII.GetBytes("abcdefghijabcdefghij");

        Assert.Multiple(() =>
        {
            Assert.That(totp.Verify(other, totp.Generate(Secret, Now), Now), Is.Null);
            Assert.That(totp.Verify(Secret, totp.Generate(other, Now), Now), Is.Null);
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("12345")]
    [TestCase("1234567")]
    [TestCase("12345a")]
    [TestCase(" 123456")]
    [TestCase("123 456")]
    [TestCase("123-456")]
    [TestCase("+12345")]
    [TestCase("-12345")]
    [TestCase("１２３４５６")]
    [TestCase("١٢٣٤٥٦")]
    [TestCase("12345\0")]
    public void Verify_MalformedCode_IsRefusedWithoutThrowing(string? code)
    {
        var totp = new Totp();

        Assert.That(totp.Verify(Secret, code, Now), Is.Null);
    }

    [Test]
    public void Verify_MalformedVersionOfValidCode_IsRefused()
    {
        var totp = new Totp();
        var code = totp.Generate(Secret, Now);

        Assert.Multiple(() =>
        {
            Assert.That(totp.Verify(Secret, code, Now), Is.Not.Null);
            Assert.That(totp.Verify(Secret, " " + code, Now), Is.Null);
            Assert.That(totp.Verify(Secret, code + "0", Now), Is.Null);
            Assert.That(totp.Verify(Secret, code[..3] + " " + code[3..], Now), Is.Null);
        });
    }

    [Test]
    public void Verify_EightDigitCodeAgainstSixDigitTotp_IsRefused()
    {
        var eight = new Totp(HashAlgorithmName.SHA1, 8).Generate(Secret, Now);

        Assert.That(new Totp().Verify(Secret, eight, Now), Is.Null);
    }

    [Test]
    public void Verify_TimeBeforeEpoch_IsRefusedWithoutThrowing()
    {
        var totp = new Totp();
        var code = totp.Generate(Secret, DateTimeOffset.UnixEpoch);

        Assert.That(totp.Verify(Secret, code, DateTimeOffset.UnixEpoch.AddSeconds(-1)), Is.Null);
    }

    [Test]
    public void Verify_AtEpochWithWindow_DoesNotUseNegativeSteps()
    {
        var totp = new Totp();
        var code = totp.Generate(Secret, DateTimeOffset.UnixEpoch);

        Assert.That(totp.Verify(Secret, code, DateTimeOffset.UnixEpoch, window: 3), Is.Zero);
    }

    [Test]
    public void NewSecret_Called_Returns20FreshRandomBytes()
    {
        var first = Totp.NewSecret();
        var second = Totp.NewSecret();

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.EqualTo(20));
            Assert.That(second, Has.Length.EqualTo(20));
            Assert.That(first, Is.Not.EqualTo(second));
        });
    }
}
