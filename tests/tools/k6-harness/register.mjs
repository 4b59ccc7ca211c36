// node --import ./register.mjs harness.mjs SCRIPT: the k6 modules resolve to this folder.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
