import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

/** A gzipped tarball holding `files` (entry name → contents), for dump tests. */
export async function tarGz(files: Record<string, string | Buffer>): Promise<Buffer> {
  const archive = pack();
  for (const [name, body] of Object.entries(files)) archive.entry({ name }, body);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}
