// What the MCP conformance suite's server scenarios ask a server for, shared by Countersign's two
// fixtures (conformance-upstream.mjs for the session eras, conformance-modern-upstream.mjs for
// 2026-07-28): media, the content tools' results, resources, prompts and completions.

import { deflateSync } from 'node:zlib';

export const text = (t) => ({ type: 'text', text: t });

// media generated here (no binary blobs in the repository): a 1x1 red PNG and a short WAV tone

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function redPixelPng() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);          // width
  ihdr.writeUInt32BE(1, 4);          // height
  ihdr[8] = 8;                       // bit depth
  ihdr[9] = 2;                       // colour type: truecolour
  // compression, filter, interlace: 0
  const scanline = Buffer.from([0, 0xff, 0x00, 0x00]);   // filter byte, R, G, B
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
function toneWav({ sampleRate = 8000, ms = 100, hz = 440 } = {}) {
  const samples = Math.round((sampleRate * ms) / 1000);
  const data = Buffer.alloc(samples);      // 8-bit unsigned PCM, mono
  for (let i = 0; i < samples; i++) data[i] = 128 + Math.round(60 * Math.sin((2 * Math.PI * hz * i) / sampleRate));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);                 // fmt chunk size
  h.writeUInt16LE(1, 20);                  // PCM
  h.writeUInt16LE(1, 22);                  // channels
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate, 28);         // byte rate
  h.writeUInt16LE(1, 32);                  // block align
  h.writeUInt16LE(8, 34);                  // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
export const PNG_BASE64 = redPixelPng().toString('base64');
export const WAV_BASE64 = toneWav().toString('base64');

export const STATIC_RESOURCES = [
  {
    uri: 'test://static-text', name: 'static-text', title: 'Static text',
    description: 'A static plain-text resource', mimeType: 'text/plain',
    read: () => ({ text: 'This is the content of the static text resource.' }),
  },
  {
    uri: 'test://static-binary', name: 'static-binary', title: 'Static binary',
    description: 'A static binary resource (1x1 red PNG)', mimeType: 'image/png',
    read: () => ({ blob: PNG_BASE64 }),
  },
  {
    uri: 'test://watched-resource', name: 'watched-resource', title: 'Watched resource',
    description: 'A resource clients can subscribe to', mimeType: 'text/plain',
    read: () => ({ text: 'This resource can be watched with resources/subscribe.' }),
  },
];

export const TEMPLATE = {
  uriTemplate: 'test://template/{id}/data', name: 'template-data', title: 'Data by id',
  description: 'JSON data for the id in the URI', mimeType: 'application/json',
};
const TEMPLATE_RE = /^test:\/\/template\/([^/]+)\/data$/;

export const PROMPTS = [
  { name: 'test_simple_prompt', description: 'A prompt without arguments' },
  {
    name: 'test_prompt_with_arguments', description: 'A prompt with two required arguments',
    arguments: [
      { name: 'arg1', description: 'First test argument', required: true },
      { name: 'arg2', description: 'Second test argument', required: true },
    ],
  },
  {
    name: 'test_prompt_with_embedded_resource', description: 'A prompt that embeds a resource',
    arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
  },
  { name: 'test_prompt_with_image', description: 'A prompt that carries an image' },
];

const COMPLETION_WORDS = ['paris', 'park', 'party', 'test', 'testing', 'text', 'hello', 'world'];

const NO_ARGS = { type: 'object', properties: {} };

// tools/list entries of the tools contentToolResult answers
export const CONTENT_TOOLS = [
  { name: 'test_simple_text', description: 'Returns one text content item', inputSchema: NO_ARGS },
  { name: 'test_image_content', description: 'Returns a 1x1 red PNG as image content', inputSchema: NO_ARGS },
  { name: 'test_audio_content', description: 'Returns a short WAV tone as audio content', inputSchema: NO_ARGS },
  { name: 'test_embedded_resource', description: 'Returns an embedded text resource', inputSchema: NO_ARGS },
  { name: 'test_multiple_content_types', description: 'Returns text, image and embedded resource content', inputSchema: NO_ARGS },
  { name: 'test_error_handling', description: 'Always fails with a tool execution error (isError: true)', inputSchema: NO_ARGS },
];

// a tool whose input schema uses JSON Schema 2020-12 keywords (SEP-1613)
export const JSON_SCHEMA_TOOL = {
    name: 'json_schema_2020_12_tool',
    description: 'Tool with JSON Schema 2020-12 features ($schema, $defs, $ref, additionalProperties)',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: {
          type: 'object',
          properties: { street: { type: 'string' }, city: { type: 'string' } },
        },
      },
      properties: {
        name: { type: 'string' },
        address: { $ref: '#/$defs/address' },
      },
      additionalProperties: false,
    },
  };

// the results of the tools that only return content (undefined for any other name)
export function contentToolResult(name) {
  switch (name) {
    case 'test_simple_text':
      return { content: [text('This is a simple text response for testing.')] };
    case 'test_image_content':
      return { content: [{ type: 'image', data: PNG_BASE64, mimeType: 'image/png' }] };
    case 'test_audio_content':
      return { content: [{ type: 'audio', data: WAV_BASE64, mimeType: 'audio/wav' }] };
    case 'test_embedded_resource':
      return {
        content: [{
          type: 'resource',
          resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' },
        }],
      };
    case 'test_multiple_content_types':
      return {
        content: [
          text('Multiple content types test:'),
          { type: 'image', data: PNG_BASE64, mimeType: 'image/png' },
          {
            type: 'resource',
            resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) },
          },
        ],
      };
    case 'test_error_handling':
      return { isError: true, content: [text('This tool intentionally returns an error for testing')] };
    default:
      return undefined;
  }
}

// resources/read: the contents, or undefined for a URI no resource has
export function readResource(uri) {
  const fixed = STATIC_RESOURCES.find((r) => r.uri === uri);
  if (fixed) return [{ uri, mimeType: fixed.mimeType, ...fixed.read() }];
  const m = TEMPLATE_RE.exec(uri);
  if (!m) return undefined;
  const id = decodeURIComponent(m[1]);
  return [{ uri, mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }];
}

// prompts/get of a listed prompt whose required arguments were checked
export function promptResult(name, args) {
  switch (name) {
    case 'test_simple_prompt':
      return { messages: [{ role: 'user', content: text('This is a simple prompt for testing.') }] };
    case 'test_prompt_with_arguments':
      return { messages: [{ role: 'user', content: text(`Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'`) }] };
    case 'test_prompt_with_embedded_resource':
      return {
        messages: [
          { role: 'user', content: { type: 'resource', resource: { uri: args.resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } } },
          { role: 'user', content: text('Please process the embedded resource above.') },
        ],
      };
    default:   // test_prompt_with_image
      return {
        messages: [
          { role: 'user', content: { type: 'image', data: PNG_BASE64, mimeType: 'image/png' } },
          { role: 'user', content: text('Please analyze the image above.') },
        ],
      };
  }
}

// completion/complete for a prompt argument or the template's id
export function complete(ref, argument) {
  const known = ref.type === 'ref/prompt'
    ? PROMPTS.some((p) => p.name === ref.name && (p.arguments ?? []).some((a) => a.name === argument.name))
    : ref.uri === TEMPLATE.uriTemplate && argument.name === 'id';
  if (!known) return { completion: { values: [], total: 0, hasMore: false } };
  const pool = ref.type === 'ref/prompt' ? COMPLETION_WORDS : ['1', '42', '123', '456'];
  const values = pool.filter((v) => v.startsWith(argument.value ?? ''));
  return { completion: { values, total: values.length, hasMore: false } };
}
