// Test data shared by the detector's tests (detector_test.cc, hsdb_test.cc): one sample value
// per kind and format, each found alone as exactly that kind.
#pragma once

#include "privacy/detector.h"

namespace splitpoint::privacy::samples {

struct Sample {
  Kind kind;
  const char* value;
};

// One sample per kind and format.
inline const Sample kSamples[] = {
    {Kind::kEmail, "john.doe@example.com"},
    {Kind::kEmail, "a+tag@mail.example.co.uk"},
    {Kind::kPhone, "+49 30 12345678"},
    {Kind::kPhone, "+49 (0)30 1234 5678"},
    {Kind::kPhone, "+33 6 12 34 56 78"},
    {Kind::kPhone, "+1 (555) 123-4567"},
    {Kind::kPhone, "+48 512 345 678"},
    {Kind::kPhone, "0049 30 12345678"},
    {Kind::kPhone, "030 12345678"},    // DE
    {Kind::kPhone, "(030) 1234567"},   // DE
    {Kind::kPhone, "0171-123 45 67"},  // DE mobile
    {Kind::kPhone, "030/1234567"},     // DE
    {Kind::kPhone, "01 23 45 67 89"},  // FR
    {Kind::kPhone, "06.12.34.56.78"},  // FR
    {Kind::kPhone, "912 345 678"},     // ES, PT
    {Kind::kPhone, "612 34 56 78"},    // ES
    {Kind::kPhone, "06 1234 5678"},    // IT
    {Kind::kPhone, "333 123 4567"},    // IT mobile
    {Kind::kPhone, "347 1234567"},     // IT mobile
    {Kind::kPhone, "020-123 4567"},    // NL
    {Kind::kPhone, "06-12345678"},     // NL mobile
    {Kind::kPhone, "21 123 4567"},     // PT
    {Kind::kPhone, "12 345 67 89"},    // PL
    {Kind::kPhone, "020 7946 0958"},   // UK
    {Kind::kPhone, "07700 900123"},    // UK mobile
    {Kind::kPhone, "(555) 123-4567"},  // US
    {Kind::kPhone, "555.123.4567"},    // US
    {Kind::kPhone, "1-800-555-0199"},  // US
    {Kind::kIban, "DE89 3704 0044 0532 0130 00"},
    {Kind::kIban, "DE89370400440532013000"},
    {Kind::kIban, "GB29 NWBK 6016 1331 9268 19"},
    {Kind::kIban, "FR14 2004 1010 0505 0001 3M02 606"},
    {Kind::kIban, "NL91ABNA0417164300"},
    {Kind::kIban, "PL61 1090 1014 0000 0712 1981 2874"},
    {Kind::kCard, "4111 1111 1111 1111"},
    {Kind::kCard, "4111-1111-1111-1111"},
    {Kind::kCard, "5555555555554444"},
    {Kind::kCard, "3782 822463 10005"},
    {Kind::kCard, "6011 1111 1111 1117"},
    {Kind::kNationalId, "123-45-6789"},            // US SSN
    {Kind::kNationalId, "AB 12 34 56 C"},          // UK NINO
    {Kind::kNationalId, "AB123456C"},              // UK NINO
    {Kind::kNationalId, "12345678Z"},              // ES DNI
    {Kind::kNationalId, "X1234567L"},              // ES NIE
    {Kind::kNationalId, "RSSMRA85T10A562S"},       // IT codice fiscale
    {Kind::kNationalId, "1 85 05 78 006 084 91"},  // FR NIR
    {Kind::kNationalId, "185057800608491"},        // FR NIR
    {Kind::kNationalId, "1 85 05 2A 006 084 35"},  // FR NIR, Corsica
    {Kind::kIpAddress, "192.168.1.100"},
    {Kind::kIpAddress, "2001:db8::8a2e:370:7334"},
    {Kind::kIpAddress, "2001:0db8:85a3:0000:0000:8a2e:0370:7334"},
    {Kind::kSecret, "sk-abcdefghijklmnopqrstuvwxyz0123"},
    {Kind::kSecret, "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_-09"},
    {Kind::kSecret, "AKIAIOSFODNN7EXAMPLE"},
    {Kind::kSecret, "ghp_abcdefghijklmnopqrstuvwxyz0123456789"},
    {Kind::kSecret, "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"},
    {Kind::kSecret, "xoxb-123456789012-abcdefghij"},
    {Kind::kSecret, "AIzaSyA1234567890abcdefghijklmnopqrstuv"},
    {Kind::kSecret,
     "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_"
     "XgL0n3I9PlFUP0THsR8U"},
};

}  // namespace splitpoint::privacy::samples
