// ssh2's Channel.destroy() calls end() before close() even on a channel already ended: Writable.end then builds an ERR_STREAM_ALREADY_FINISHED error (stack trace and all) for every command channel Node's autoDestroy tears down. Patched once to end only a channel still writable.
import { createRequire } from 'node:module';

interface ChannelLike {
  writableEnded: boolean;
  end(): void;
  close(): void;
}

const { Channel } = createRequire(import.meta.url)('ssh2/lib/Channel.js') as { Channel: { prototype: ChannelLike & { destroy(): unknown } } };
const PATCHED = Symbol.for('tsible.quietChannelDestroy');
const proto = Channel.prototype as ChannelLike & { destroy(): unknown; [PATCHED]?: true };
if (!proto[PATCHED]) {
  proto[PATCHED] = true;
  // The same steps as ssh2's (end, then close), without the end() that can only fail.
  proto.destroy = function destroy(this: ChannelLike) {
    if (!this.writableEnded) this.end();
    this.close();
    return this;
  };
}
