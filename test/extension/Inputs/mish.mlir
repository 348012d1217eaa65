func.func @f(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %y = ext.mish %x : tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}
