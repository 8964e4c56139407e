/* bench-stats.h: statistics shared by the benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The @p quantile (0.5: the median, 1.0: the largest) of @values, an
 * array of doubles; 0 when it is empty. */
double bench_percentile (GArray *values,
                         double  p);

G_END_DECLS
