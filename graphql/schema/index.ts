// Only imports the type files, then builds the schema.
import { builder } from '../builder';
import './scalars';
import './errors';
import './organization';
import './user';
import './pledge';

export const schema = builder.toSchema({ sortSchema: true });
