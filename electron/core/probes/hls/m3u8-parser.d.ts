/** The parts of m3u8-parser 7 the hls probe reads (the package ships no types). */
declare module 'm3u8-parser' {
  export interface M3u8Attributes {
    BANDWIDTH?: number;
    'AVERAGE-BANDWIDTH'?: number;
    RESOLUTION?: { width: number; height: number };
    CODECS?: string;
    NAME?: string;
    [key: string]: unknown;
  }

  export interface M3u8VariantStream {
    uri: string;
    attributes: M3u8Attributes;
  }

  export interface M3u8Segment {
    uri: string;
    duration: number;
    discontinuity?: boolean;
    /** ms since epoch, from #EXT-X-PROGRAM-DATE-TIME (carried forward from earlier segments). */
    programDateTime?: number;
    /** #EXT-X-BYTERANGE, the offset carried forward from the previous range when omitted. */
    byterange?: { length: number; offset?: number };
    key?: { method: string; uri?: string };
    parts?: { uri: string; duration: number }[];
  }

  export interface M3u8Rendition {
    default?: boolean;
    autoselect?: boolean;
    language?: string;
    uri?: string;
  }

  export interface M3u8Manifest {
    playlists?: M3u8VariantStream[];
    segments: M3u8Segment[];
    targetDuration?: number;
    mediaSequence?: number;
    discontinuitySequence?: number;
    endList?: boolean;
    playlistType?: string;
    /** TYPE -> GROUP-ID -> NAME -> rendition, from #EXT-X-MEDIA. */
    mediaGroups?: Partial<
      Record<'AUDIO' | 'SUBTITLES' | 'VIDEO' | 'CLOSED-CAPTIONS', Record<string, Record<string, M3u8Rendition>>>
    >;
    partInf?: { partTarget?: number };
    preloadSegment?: { parts?: { uri: string; duration: number }[] };
  }

  export class Parser {
    manifest: M3u8Manifest;
    push(chunk: string): void;
    end(): void;
    on(event: 'warn' | 'info', listener: (e: { message: string }) => void): void;
  }
}
