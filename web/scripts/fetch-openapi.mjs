// Saves the running API's OpenAPI document to src/api/openapi.json (then run `npm run api:types`).
import { writeFile } from 'node:fs/promises';
const url = process.env.OPENAPI_URL ?? 'http://localhost:5080/openapi/v1.json';
const res = await fetch(url);
if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
const json = await res.json();
// The address it was served from is the fetcher's, not the API's: left out so regenerating changes nothing else.
delete json.servers;
await writeFile(new URL('../src/api/openapi.json', import.meta.url), JSON.stringify(json, null, 2) + '\n');
console.log(`saved ${Object.keys(json.paths).length} paths from ${url}`);
