import * as E from 'fp-ts/Either'
import {
  invalidReleaseName,
  missingReleaseName,
  objectNamePattern,
  type ReleaseError,
  validNamePattern,
} from './ReleaseError'

/** Helm v2's longest release name (a ConfigMap name `NAME.vN` must stay a valid label value). */
export const releaseNameMaxLength = 53

const validName = new RegExp(validNamePattern)
const objectName = new RegExp(objectNamePattern)

/**
 * Helm v2 `validateReleaseName`: Right(name), or MissingReleaseName / InvalidReleaseName. Beyond Helm v2, a
 * name that must also match `storable` (the rule of the storage that will keep it, see
 * ReleaseStore.namePattern) is refused up front when it does not, with that rule in Helm's words: v2
 * accepted capitals and `_` and then failed writing the record into a Kubernetes object.
 */
export const validateReleaseName = (name: string, storable?: string): E.Either<ReleaseError, string> =>
  name === ''
    ? E.left(missingReleaseName)
    : !validName.test(name) || name.length > releaseNameMaxLength
      ? E.left(invalidReleaseName(name))
      : storable !== undefined && !(storable === objectNamePattern ? objectName : new RegExp(storable)).test(name)
        ? E.left(invalidReleaseName(name, storable))
        : E.right(name)

const adjectives = [
  'affable',
  'amber',
  'ardent',
  'bold',
  'brave',
  'breezy',
  'bright',
  'calm',
  'cheeky',
  'coy',
  'crisp',
  'curious',
  'dapper',
  'eager',
  'early',
  'elegant',
  'fair',
  'fancy',
  'fierce',
  'gentle',
  'giddy',
  'good',
  'handy',
  'happy',
  'hasty',
  'honest',
  'jolly',
  'keen',
  'kindly',
  'lazy',
  'lively',
  'lucky',
  'mellow',
  'merry',
  'modest',
  'nimble',
  'noble',
  'odd',
  'plucky',
  'polite',
  'quiet',
  'quirky',
  'rosy',
  'rustic',
  'sassy',
  'shy',
  'silly',
  'snug',
  'solid',
  'steely',
  'sunny',
  'swift',
  'tame',
  'tidy',
  'ugly',
  'vested',
  'wandering',
  'warped',
  'wise',
  'zealous',
] as const
const animals = [
  'albatross',
  'alpaca',
  'ant',
  'badger',
  'bat',
  'bear',
  'beaver',
  'bee',
  'bison',
  'buffalo',
  'camel',
  'cat',
  'cheetah',
  'cow',
  'crab',
  'crocodile',
  'deer',
  'dog',
  'dolphin',
  'donkey',
  'eagle',
  'eel',
  'elk',
  'ferret',
  'fox',
  'frog',
  'gecko',
  'goat',
  'gopher',
  'hare',
  'hedgehog',
  'heron',
  'horse',
  'ibis',
  'jackal',
  'koala',
  'lamb',
  'lemur',
  'lion',
  'llama',
  'lynx',
  'marmot',
  'mole',
  'moose',
  'newt',
  'otter',
  'owl',
  'panda',
  'puffin',
  'quail',
  'rabbit',
  'seal',
  'shark',
  'sloth',
  'squid',
  'tiger',
  'toad',
  'turtle',
  'walrus',
  'wolf',
  'yak',
  'zebra',
] as const

/**
 * An `adjective-animal` name (Helm v2's moniker style) picked with `pick(n)` ∈ [0, n), truncated to
 * 53 characters as Helm does.
 */
export const generateName = (pick: (n: number) => number): string =>
  `${adjectives[pick(adjectives.length)]}-${animals[pick(animals.length)]}`.slice(0, releaseNameMaxLength)

/** How many generated names Helm v2 tries before giving up with "no available release name found". */
export const nameGenerationTries = 5
