// The root types. Their fields are added by the file of the type they return (queries) or change (mutations).
import { builder } from '../builder';

builder.queryType({});
builder.mutationType({});
