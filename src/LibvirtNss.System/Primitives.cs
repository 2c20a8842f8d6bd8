// The primitive value types. The C# compiler and ILC know them by name and do their arithmetic
// themselves; the fields only give each its size. MinValue and MaxValue as in .NET. They exist because this library is the system
// module (there is no System.Private.CoreLib): every type the compiler names must be defined here.
#pragma warning disable CS0169, CS0649 // the value fields are never read or written by name

namespace System
{
    public struct Void { }
    public struct Boolean { private bool m_value; }
    public struct Char { private char m_value; }
    public struct SByte { private sbyte m_value; public const sbyte MinValue = -128, MaxValue = 127; }
    public struct Byte { private byte m_value; public const byte MinValue = 0, MaxValue = 255; }
    public struct Int16 { private short m_value; public const short MinValue = -32768, MaxValue = 32767; }
    public struct UInt16 { private ushort m_value; public const ushort MinValue = 0, MaxValue = 65535; }
    public struct Int32 { private int m_value; public const int MinValue = -2147483648, MaxValue = 2147483647; }
    public struct UInt32 { private uint m_value; public const uint MinValue = 0, MaxValue = 4294967295; }
    public struct Int64 { private long m_value; public const long MinValue = -9223372036854775808, MaxValue = 9223372036854775807; }
    public struct UInt64 { private ulong m_value; public const ulong MinValue = 0, MaxValue = 18446744073709551615; }
    public struct Single { private float m_value; }
    public struct Double { private double m_value; }

    // nint and nuint. With RuntimeFeature.NumericIntPtr (RuntimeFeature.cs) C# treats IntPtr and
    // nint as one type, as it does on .NET 7 and later.
    public unsafe struct IntPtr
    {
        private void* _value;
        public static readonly IntPtr Zero;
    }

    public unsafe struct UIntPtr
    {
        private void* _value;
        public static readonly UIntPtr Zero;
    }
}
