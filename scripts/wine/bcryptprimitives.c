/* For the Wine test only, never shipped: Wine 8.0 (Debian 12) lacks
   bcryptprimitives.dll, whose ProcessPrng Rust's standard library calls
   for random bytes on Windows 10 and later, where it always exists. This
   one draws them from RtlGenRandom (SystemFunction036), which Wine has. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
