import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Routes are built from crate names and slugs at run time; typed routes would
  // only add casts.
  typedRoutes: false,
  // The pg driver and Prisma's adapter load native-ish modules and read files
  // relative to themselves: keep them out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Nothing on the site loads remote images; keep the optimizer from fetching any.
  images: { unoptimized: true },
  // Filter lists may be up to 2 MB of text (lib/curation/parse-filter-list.ts);
  // the editor posts them through server actions, whose default limit is 1 MB.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
};

export default nextConfig;
