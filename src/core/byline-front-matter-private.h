/* byline-front-matter-private.h: what the tests reach inside the engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-front-matter.h"

G_BEGIN_DECLS

typedef enum {
  BYLINE_PROOF_LOCAL,   /* parse the edited top-level entry's lines alone */
  BYLINE_PROOF_FULL,    /* parse the whole result */
} BylineProof;

/* Replaces the bytes [@start, @end) of @self's text with @replacement and
 * asks one kind of proof whether the result holds the string @expected at
 * @path and is unchanged everywhere else. FALSE when that proof can't
 * show it (a local proof also when it does not apply to the edit). */
gboolean _byline_front_matter_prove_splice (BylineFrontMatter  *self,
                                            const char * const *path,
                                            gsize               start,
                                            gsize               end,
                                            const char         *replacement,
                                            const char         *expected,
                                            BylineProof         proof);

G_END_DECLS
