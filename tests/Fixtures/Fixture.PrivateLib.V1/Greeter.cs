namespace Fixture.PrivateLib;

public static class Greeter
{
    public static string Version => typeof(Greeter).Assembly.GetName().Version!.ToString(3);
}
