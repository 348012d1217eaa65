// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A non-ASCII character outside a string: the caret still lines up under
// it, although the line holds multi-byte UTF-8 ("données" is 7 columns).
data données = random(samples: 10, features: 4, classes: 2)
// The code point is named: a no-break space (after 'data') and an en dash
// look like ' ' and '-'.
data e = random(samples: 10, features: 4, classes: 2, seed: –1)

// CHECK:{{.*}}unknown-character-utf8.plx:6:10: error: unexpected character 'é' (U+00E9)
// CHECK-NEXT:data données = random(samples: 10, features: 4, classes: 2)
// CHECK-NEXT:         ^
// CHECK-NEXT:{{.*}}unknown-character-utf8.plx:9:5: error: unexpected character ' ' (U+00A0)
// CHECK-NEXT:data e = random(samples: 10, features: 4, classes: 2, seed: –1)
// CHECK-NEXT:    ^
// CHECK-NEXT:{{.*}}unknown-character-utf8.plx:9:62: error: unexpected character '–' (U+2013)
// CHECK-NEXT:data e = random(samples: 10, features: 4, classes: 2, seed: –1)
// CHECK-NEXT:                                                            ^
// CHECK-NEXT:3 errors generated.
